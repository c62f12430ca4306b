package dev.fsconform.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output file's place before any work is done, so a bad path fails fast and writes nothing. */
final class JsonTarget {
    private JsonTarget() {
    }

    static Path check(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new UsageException("output " + abs + " is a directory");
        }
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("output directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new UsageException("output directory " + parent + " is not writable");
        }
        return abs;
    }
}
