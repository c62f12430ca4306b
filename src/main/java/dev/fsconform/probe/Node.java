package dev.fsconform.probe;

import dev.fsconform.sys.FileKind;
import dev.fsconform.sys.Posix;
import dev.fsconform.sys.Stat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What one path holds at one moment: identity from statx, and the data that tells fixtures apart. */
record Node(FileKind kind, String dev, long ino, long nlink, String content) {
    static final Node ABSENT = new Node(FileKind.ABSENT, null, 0, 0, null);

    static Node read(Path path) {
        Stat st = Posix.get().stat(path);
        if (!st.exists()) {
            return ABSENT;
        }
        return new Node(st.kind(), st.dev(), st.ino(), st.nlink(), content(path, st.kind()));
    }

    boolean exists() {
        return kind != FileKind.ABSENT;
    }

    boolean sameData(Node other) {
        return kind == other.kind && java.util.Objects.equals(content, other.content);
    }

    boolean sameInode(Node other) {
        return exists() && ino == other.ino && dev.equals(other.dev);
    }

    /** Same object, same data: what "unchanged" means for a failed call. */
    boolean unchangedFrom(Node before) {
        return !exists() ? !before.exists() : sameInode(before) && sameData(before);
    }

    private static String content(Path path, FileKind kind) {
        try {
            switch (kind) {
                case FILE:
                    return Files.readString(path);
                case SYMLINK:
                    return Files.readSymbolicLink(path).toString();
                case DIR:
                    return listing(path);
                default:
                    return "";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " to check the post-state", e);
        }
    }

    /** A directory's data: its entries and, for regular files among them, their contents. */
    private static String listing(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path child : ds) {
                String name = child.getFileName().toString();
                entries.add(Files.isRegularFile(child) ? name + "=" + Files.readString(child) : name);
            }
        }
        entries.sort(null);
        return String.join(";", entries);
    }
}
