package dev.fsconform.env;

import dev.fsconform.sys.ProcessOwner;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one matrix run writes lives under directories named {@code fsconform-run-<pid>-<random>}
 * holding an owner marker (pid and process start time). A later run knows by the marker whether the
 * owner is gone, and only ever touches directories that carry it.
 */
final class RunDir {
    static final String PREFIX = "fsconform-run-";
    static final String MARKER = "fsconform-run.owner";
    private static final String OWNER = "owner=";

    private final Path dir;
    private final List<Path> external = new ArrayList<>();

    private RunDir(Path dir) {
        this.dir = dir;
    }

    static RunDir create(Path parent) throws IOException {
        return new RunDir(marked(parent));
    }

    Path dir() {
        return dir;
    }

    /** A marked directory elsewhere (e.g. on /dev/shm), removed with this run. */
    synchronized Path external(Path parent) throws IOException {
        Path d = marked(parent);
        external.add(d);
        return d;
    }

    private static Path marked(Path parent) throws IOException {
        ProcessOwner self = ProcessOwner.current();
        Path d = Files.createTempDirectory(parent, PREFIX + self.pid() + "-");
        Files.writeString(d.resolve(MARKER), OWNER + self.token() + "\n");
        return d;
    }

    /** Whether the process that made {@code d} is gone (the pid is dead or now another process). */
    static boolean stale(Path d) {
        String name = d.getFileName().toString();
        if (!name.startsWith(PREFIX) || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Optional<ProcessOwner> owner;
        try {
            owner = Files.readAllLines(d.resolve(MARKER)).stream().filter(l -> l.startsWith(OWNER))
                    .findFirst().flatMap(l -> ProcessOwner.parse(l.substring(OWNER.length()).strip()));
        } catch (IOException e) {
            owner = Optional.empty();
        }
        // No marker yet (killed right after mkdir), or an older run's: decide by the pid in the name alone.
        return owner.or(() -> pidInName(name)).map(ProcessOwner::gone).orElse(false);
    }

    private static Optional<ProcessOwner> pidInName(String name) {
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        return dash < 0 ? Optional.empty() : ProcessOwner.parse(rest.substring(0, dash));
    }

    /** Removes this run's directories. */
    synchronized void delete() throws IOException {
        for (Path d : external) {
            deleteTree(d);
        }
        deleteTree(dir);
    }

    /** Deletes a tree without following symlinks; the marker goes last, so a half-deleted tree stays reapable. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path marker = root.resolve(MARKER);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            /** overlayfs leaves work/work with mode 000: its owner opens it up, then deletes it. */
            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw exc;
                }
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
                deleteTree(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.equals(marker)) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                if (d.equals(root)) {
                    Files.deleteIfExists(marker);
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
