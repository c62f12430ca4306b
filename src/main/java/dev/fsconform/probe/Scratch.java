package dev.fsconform.probe;

import dev.fsconform.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The probe's own directory under a root it was given. Its name carries the owning pid, so a later
 * run can remove what a killed one left, and never touches anything it did not create.
 */
final class Scratch implements AutoCloseable {
    static final String PREFIX = ".fsconform-scratch-";

    private final Path dir;

    private Scratch(Path dir) {
        this.dir = dir;
    }

    static Scratch create(Path root) throws IOException {
        reapStale(root);
        return new Scratch(Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-"));
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        deleteTree(dir);
    }

    /** Removes scratch directories whose owning process is gone. */
    static void reapStale(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Scratch::isStale).forEach(p -> {
                try {
                    deleteTree(p);
                } catch (IOException ignored) {
                    // Another run may be reaping it at the same moment; the next run tries again.
                }
            });
        } catch (IOException ignored) {
            // An unreadable root is reported when the scratch directory itself cannot be created.
        }
    }

    private static boolean isStale(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PREFIX)) {
            return false;
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void deleteTree(Path root) throws IOException {
        Trees.delete(root);
    }
}
