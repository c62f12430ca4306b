package dev.fsconform.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Builds one scenario's objects under a cell directory: {@code a/src} and the target, which is
 * {@code a/dst} (same directory) or {@code b/dst} (cross directory, or on the second root). Every
 * object's data names the cell, so the post-state can tell whose data ended up where.
 */
public record Fixture(Path source, Path target) {
    static final String SOURCE_NAME = "src";
    static final String TARGET_NAME = "dst";

    /** Creates the fixture; {@code targetRoot} is the cell directory on the second mount for cross-mount. */
    public static Fixture create(Scenario s, Path cellRoot, Path targetRoot, String tag) throws IOException {
        Path a = Files.createDirectories(cellRoot.resolve("a"));
        Path targetParent;
        switch (s.placement()) {
            case SAME_DIR: targetParent = a; break;
            case CROSS_DIR: targetParent = Files.createDirectories(cellRoot.resolve("b")); break;
            default: targetParent = Files.createDirectories(targetRoot.resolve("b")); break;
        }
        Fixture f = new Fixture(a.resolve(SOURCE_NAME), targetParent.resolve(TARGET_NAME));
        make(f.source, s.source(), "source " + tag);
        if (s.target() != null) {
            make(f.target, s.target(), "target " + tag);
        }
        return f;
    }

    /** The same paths as {@link #create} would use, for a fixture that already exists (seeded). */
    public static Fixture locate(Scenario s, Path cellRoot) {
        Path a = cellRoot.resolve("a");
        Path targetParent = s.placement() == Placement.SAME_DIR ? a : cellRoot.resolve("b");
        return new Fixture(a.resolve(SOURCE_NAME), targetParent.resolve(TARGET_NAME));
    }

    /**
     * Whether the objects are still exactly what {@link #create} made with {@code tag}. A seeded fixture
     * lives outside the probe's scratch directory and serves one run: a changed one would measure the
     * earlier run's leftovers.
     */
    public boolean asCreated(Scenario s, String tag) {
        return matches(source, s.source(), "source " + tag)
                && (s.target() == null ? !Files.exists(target, LinkOption.NOFOLLOW_LINKS) : matches(target, s.target(), "target " + tag));
    }

    private static boolean matches(Path path, Kind kind, String data) {
        try {
            switch (kind) {
                case FILE:
                    return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.readString(path).equals(data);
                case DIR:
                    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && entries(path) == 1
                            && Files.readString(path.resolve("inner")).equals(data);
                case EMPTYDIR:
                    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && entries(path) == 0;
                case SYMLINK:
                    return Files.isSymbolicLink(path)
                            && Files.readSymbolicLink(path).equals(Path.of("dangling-" + data.replace(' ', '-')));
                default:
                    throw new AssertionError(kind);
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void make(Path path, Kind kind, String data) throws IOException {
        switch (kind) {
            case FILE:
                Files.writeString(path, data);
                break;
            case DIR:
                Files.createDirectory(path);
                Files.writeString(path.resolve("inner"), data);
                break;
            case EMPTYDIR:
                Files.createDirectory(path);
                break;
            case SYMLINK:
                Files.createSymbolicLink(path, Path.of("dangling-" + data.replace(' ', '-')));
                break;
            default:
                throw new AssertionError(kind);
        }
    }
}
