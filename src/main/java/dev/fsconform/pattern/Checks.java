package dev.fsconform.pattern;

import dev.fsconform.files.Trees;
import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Errno;
import dev.fsconform.sys.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Final-state checks and the small helpers the patterns share. */
final class Checks {
    private Checks() {
    }

    /** Null when {@code file} holds the pattern's payload, else what is wrong. */
    static String holds(Path file) {
        return holds(file, PatternRuns.data());
    }

    static String holds(Path file, String expected) {
        try {
            if (!Files.isRegularFile(file)) {
                return file.getFileName() + " is missing";
            }
            String actual = Files.readString(file);
            return expected.equals(actual) ? null : file.getFileName() + " holds '" + actual + "'";
        } catch (IOException e) {
            return "cannot read " + file.getFileName() + ": " + e.getMessage();
        }
    }

    static boolean fallbackErrno(Errno errno, String... names) {
        return errno != null && Set.of(names).contains(errno.name());
    }

    static CallResult unlink(Path p) {
        return Posix.get().unlink(p);
    }

    /** What mv and shutil.move do after EXDEV: copy the tree, then remove the source. */
    static void copyThenDelete(Path src, Path dst) throws IOException {
        Trees.copy(src, dst);
        Trees.delete(src);
    }
}
