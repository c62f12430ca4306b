package dev.fsconform.operation;

import dev.fsconform.sys.Errno;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Java NIO's Files.move: the outcome is the exception class, as Java programs see it. */
final class JavaMove {
    private JavaMove() {
    }

    static Attempt move(Path source, Path target) {
        return run(source, target);
    }

    static Attempt moveReplacing(Path source, Path target) {
        return run(source, target, StandardCopyOption.REPLACE_EXISTING);
    }

    static Attempt moveAtomically(Path source, Path target) {
        return run(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Attempt run(Path source, Path target, StandardCopyOption... options) {
        try {
            Files.move(source, target, options);
            return Attempt.ok();
        } catch (IOException e) {
            return Attempt.exception(e, errnoOf(e));
        }
    }

    /** OpenJDK appends strerror text to the exception's reason; that is where the errno survives. */
    private static Errno errnoOf(IOException e) {
        return e instanceof FileSystemException ? Strerror.errnoIn(((FileSystemException) e).getReason()) : null;
    }
}
