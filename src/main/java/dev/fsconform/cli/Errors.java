package dev.fsconform.cli;

import dev.fsconform.container.InvalidContainersException;
import dev.fsconform.env.InvalidEnvironmentsException;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.sys.NativeUnavailableException;
import java.io.UncheckedIOException;

/** Maps failures to one line and an exit code: 2 for what the user can fix, 1 for everything else. */
final class Errors {
    private Errors() {
    }

    static int exitCode(Exception e) {
        return e instanceof UsageException || e instanceof InvalidResultsException
                || e instanceof InvalidEnvironmentsException || e instanceof InvalidContainersException ? Main.EXIT_USAGE : 1;
    }

    static String oneLine(Throwable e) {
        if (e instanceof UsageException || e instanceof InvalidResultsException || e instanceof NativeUnavailableException
                || e instanceof InvalidEnvironmentsException || e instanceof InvalidContainersException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException && e.getMessage() != null) {
            return e.getMessage();
        }
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""));
    }
}
