package dev.fsconform.probe;

import dev.fsconform.scenario.Fixture;
import dev.fsconform.scenario.Kind;
import dev.fsconform.sys.FileKind;
import dev.fsconform.sys.Posix;
import dev.fsconform.sys.Stat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one path holds at one moment: identity from statx, and the data that tells fixtures apart.
 * Read through the native facade, relative to the cell's open directory: NIO's directory streams and
 * file channels cost twice the system calls (dup, fstat, fcntl), each walking the whole path.
 */
record Node(FileKind kind, String dev, long ino, long nlink, String content) {
    static final Node ABSENT = new Node(FileKind.ABSENT, null, 0, 0, null);

    static Node read(Place place) {
        Posix posix = Posix.get();
        Stat st = posix.stat(place.dir(), place.name());
        if (!st.exists()) {
            return ABSENT;
        }
        return new Node(st.kind(), st.dev(), st.ino(), st.nlink(), content(posix, place.dir(), place.name(), st.kind()));
    }

    boolean exists() {
        return kind != FileKind.ABSENT;
    }

    boolean sameData(Node other) {
        return kind == other.kind && Objects.equals(content, other.content);
    }

    boolean sameInode(Node other) {
        return exists() && ino == other.ino && dev.equals(other.dev);
    }

    /** Same object, same data: what "unchanged" means for a failed call. */
    boolean unchangedFrom(Node before) {
        return !exists() ? !before.exists() : sameInode(before) && sameData(before);
    }

    /** Whether this is exactly the object {@link Fixture} makes of {@code kind} with {@code data}. */
    boolean holds(Kind made, String data) {
        return switch (made) {
            case FILE -> kind == FileKind.FILE && data.equals(content);
            case DIR -> kind == FileKind.DIR && (Fixture.INNER_NAME + "=" + data).equals(content);
            case EMPTYDIR -> kind == FileKind.DIR && content.isEmpty();
            case SYMLINK -> kind == FileKind.SYMLINK && Fixture.linkTarget(data).equals(content);
        };
    }

    private static String content(Posix posix, Posix.Dir at, String name, FileKind kind) {
        switch (kind) {
            case FILE:
                return text(posix.readFile(at, name));
            case SYMLINK:
                return posix.readLink(at, name);
            case DIR:
                return listing(posix, at, name);
            default:
                return "";
        }
    }

    /** A directory's data: its entries and, for regular files among them (symlinks followed), their contents. */
    private static String listing(Posix posix, Posix.Dir at, String dir) {
        List<String> entries = new ArrayList<>();
        for (String name : posix.list(at, dir)) {
            String child = dir + "/" + name;
            entries.add(posix.isRegularFile(at, child) ? name + "=" + text(posix.readFile(at, child)) : name);
        }
        entries.sort(null);
        return String.join(";", entries);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
