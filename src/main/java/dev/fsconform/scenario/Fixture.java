package dev.fsconform.scenario;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds one scenario's objects under a cell directory: {@code a/src} and the target, which is
 * {@code a/dst} (same directory) or {@code b/dst} (cross directory, or on the second root). Every
 * object's data names the cell, so the post-state can tell whose data ended up where.
 */
public record Fixture(Path source, Path target) {
    static final String SOURCE_NAME = "src";
    static final String TARGET_NAME = "dst";
    /** The one file in a {@link Kind#DIR} object. */
    public static final String INNER_NAME = "inner";

    /**
     * The three calls a fixture is made of. The probe passes its native ones: a cell's fixture is most
     * of its system calls, and NIO adds Java work and calls of its own to each.
     */
    public interface Maker {
        void mkdir(Path dir) throws IOException;

        /** A new regular file holding {@code data} (UTF-8). */
        void createFile(Path file, String data) throws IOException;

        void symlink(Path link, String target) throws IOException;
    }

    /**
     * Creates the fixture in {@code cellRoot}, which exists; {@code targetRoot} is the cell directory
     * on the second mount for cross-mount, which exists too.
     */
    public static Fixture create(Scenario s, Path cellRoot, Path targetRoot, String tag, Maker maker) throws IOException {
        Path a = cellRoot.resolve("a");
        maker.mkdir(a);
        Path targetParent;
        switch (s.placement()) {
            case SAME_DIR: targetParent = a; break;
            case CROSS_DIR: targetParent = cellRoot.resolve("b"); maker.mkdir(targetParent); break;
            default: targetParent = targetRoot.resolve("b"); maker.mkdir(targetParent); break;
        }
        Fixture f = new Fixture(a.resolve(SOURCE_NAME), targetParent.resolve(TARGET_NAME));
        make(maker, f.source, s.source(), sourceData(tag));
        if (s.target() != null) {
            make(maker, f.target, s.target(), targetData(tag));
        }
        return f;
    }

    /** The same paths as {@link #create} would use, for a fixture that already exists (seeded). */
    public static Fixture locate(Scenario s, Path cellRoot) {
        Path a = cellRoot.resolve("a");
        Path targetParent = s.placement() == Placement.SAME_DIR ? a : cellRoot.resolve("b");
        return new Fixture(a.resolve(SOURCE_NAME), targetParent.resolve(TARGET_NAME));
    }

    /** The data of the source object of the fixture made with {@code tag}. */
    public static String sourceData(String tag) {
        return "source " + tag;
    }

    public static String targetData(String tag) {
        return "target " + tag;
    }

    /** Where a {@link Kind#SYMLINK} object holding {@code data} points: nowhere, so that no call follows it. */
    public static String linkTarget(String data) {
        return "dangling-" + data.replace(' ', '-');
    }

    private static void make(Maker maker, Path path, Kind kind, String data) throws IOException {
        switch (kind) {
            case FILE:
                maker.createFile(path, data);
                break;
            case DIR:
                maker.mkdir(path);
                maker.createFile(path.resolve(INNER_NAME), data);
                break;
            case EMPTYDIR:
                maker.mkdir(path);
                break;
            case SYMLINK:
                maker.symlink(path, linkTarget(data));
                break;
            default:
                throw new AssertionError(kind);
        }
    }
}
