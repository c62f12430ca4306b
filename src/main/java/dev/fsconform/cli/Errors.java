package dev.fsconform.cli;

import dev.fsconform.container.InvalidContainersException;
import dev.fsconform.env.InvalidEnvironmentsException;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.sys.NativeUnavailableException;
import java.io.UncheckedIOException;

/**
 * Maps failures to one line and an exit code: 2 for everything the user has to fix (bad input, an input
 * that cannot be read, an output that cannot be written, a machine without the native layer), and
 * {@link #EXIT_INTERNAL} for a bug (an unexpected runtime exception). Exit 1 stays a result, never an
 * error: validate's "profile violated", matrix's "an environment could not be set up".
 */
final class Errors {
    /** Long enough for any message of ours; picocli quotes every unmatched argument, which has no bound. */
    private static final int MAX_CHARS = 600;

    private Errors() {
    }

    /** sysexits(3) EX_SOFTWARE. */
    static final int EXIT_INTERNAL = 70;

    static int exitCode(Exception e) {
        if (e instanceof UsageException || e instanceof InvalidResultsException
                || e instanceof InvalidEnvironmentsException || e instanceof InvalidContainersException) {
            return Main.EXIT_USAGE;
        }
        return e instanceof RuntimeException && !(e instanceof UncheckedIOException)
                && !(e instanceof NativeUnavailableException) ? EXIT_INTERNAL : Main.EXIT_USAGE;
    }

    /** One line whatever the failure: a message that quotes input with line breaks is folded, a long one cut. */
    static String oneLine(Throwable e) {
        return oneLine(message(e));
    }

    static String oneLine(String message) {
        String line = message == null ? "unknown error" : message.replaceAll("\\R", " ");
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "…" : line;
    }

    private static String message(Throwable e) {
        if (e instanceof UsageException || e instanceof InvalidResultsException || e instanceof NativeUnavailableException
                || e instanceof InvalidEnvironmentsException || e instanceof InvalidContainersException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException && e.getMessage() != null) {
            return e.getMessage();
        }
        String msg = e.getMessage();
        return (e instanceof RuntimeException ? "internal error (please report it): " : "") + e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""));
    }
}
