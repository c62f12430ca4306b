package dev.fsconform.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * Where the jobs' programs are found: a fixed system search path, the same in every environment, so
 * a tool is the one the environment's packages installed, not whatever a user's shell put first.
 */
final class Programs {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Programs() {
    }

    /**
     * Why {@code name} cannot run here: not installed, or there but not executable. A sandbox that hides
     * a program (firejail blacklists strace) leaves an empty file without permissions in its place.
     */
    static String missing(String name) {
        return missing(name, PATH);
    }

    static String missing(String name, String path) {
        for (String d : path.split(":")) {
            Path p = Path.of(d, name);
            if (Files.exists(p)) {
                String mode;
                long size;
                try {
                    mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    size = Files.size(p);
                } catch (IOException | UnsupportedOperationException e) {
                    return p + " is here but cannot be run or read (" + e.getMessage() + ")";
                }
                return p + " is here but cannot be run (mode " + mode + ", " + size + " bytes: hidden by the sandbox?)";
            }
        }
        return name + " is not installed here (searched " + path + ")";
    }

    static Optional<Path> locate(String name) {
        for (String d : List.of(PATH.split(":"))) {
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
