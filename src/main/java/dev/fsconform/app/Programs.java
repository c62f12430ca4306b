package dev.fsconform.app;

import java.nio.file.Files;
import java.nio.file.Path;
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
