package dev.fsconform.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A canary tree: files, directories, links and extended attributes with the names the probe's cells
 * use, planted where the probe must never write (beside its scratch directory, or bound read-only into
 * it). {@link #snapshot} records everything a stray write would change — content, type, mode, owner,
 * size, link target, inode and link count, mtime, ctime, atime and user xattrs — so an unchanged
 * snapshot means byte for byte unchanged. bench/canary.sh drives it through {@link #main}.
 */
public final class Canary {
    private static final FileTime PAST = FileTime.fromMillis(1_600_000_000_000L);

    private Canary() {
    }

    /** Plants the tree in {@code dir} (created) and returns its settled snapshot. */
    public static Map<String, String> plant(Path dir) throws IOException {
        Files.createDirectories(dir);
        // The names rename, link and exchange cells use, at the top and one level down.
        for (Path d : List.of(dir, dir.resolve("dir"), dir.resolve("seed"))) {
            Files.createDirectories(d);
            for (String f : List.of("a", "b", "file", "src", "dst", "target", ".wh.a", "x")) {
                Path p = Files.writeString(d.resolve(f), "canary " + f + "\n".repeat(3));
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(f.equals("x") ? "r-xr-----" : "rw-r--r--"));
            }
            Files.createDirectories(d.resolve("subdir"));
            Files.writeString(d.resolve("subdir/inner"), "inner\n");
            Files.createSymbolicLink(d.resolve("link"), Path.of("a"));
            Files.createSymbolicLink(d.resolve("dangling"), Path.of("no-such-file"));
            Files.createLink(d.resolve("hard"), d.resolve("b"));
        }
        Files.setPosixFilePermissions(dir.resolve("dir/a"), PosixFilePermissions.fromString("r--------"));
        UserDefinedFileAttributeView x = Files.getFileAttributeView(dir.resolve("file"), UserDefinedFileAttributeView.class);
        x.write("fsconform.canary", StandardCharsets.UTF_8.encode("do not touch"));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class).setTimes(PAST, PAST, null);
                }
            }
        }
        // The first look sets atimes (relatime updates an atime older than mtime once); the second is the baseline.
        snapshot(dir);
        return snapshot(dir);
    }

    /** Path (relative) → everything a write would change about it. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
                StringBuilder b = new StringBuilder();
                for (String k : List.of("mode", "uid", "gid", "size", "ino", "dev", "nlink", "lastModifiedTime", "ctime",
                        "lastAccessTime")) {
                    b.append(k).append('=').append(a.get(k)).append(' ');
                }
                if (Files.isSymbolicLink(p)) {
                    b.append("-> ").append(Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    b.append("sha256=").append(sha256(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> list = Files.list(p)) {
                        b.append("entries=").append(list.map(c -> c.getFileName().toString()).sorted().toList());
                    }
                }
                if (!Files.isSymbolicLink(p)) {
                    b.append(" xattrs=").append(xattrs(p));
                }
                out.put(dir.relativize(p).toString(), b.toString());
            }
        }
        return out;
    }

    /** What differs, one line per path; empty when unchanged. */
    public static List<String> diff(Map<String, String> before, Map<String, String> after) {
        List<String> d = new ArrayList<>();
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                d.add("gone: " + k);
            } else if (!after.get(k).equals(before.get(k))) {
                d.add("changed: " + k + ": " + before.get(k) + " -> " + after.get(k));
            }
        }
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> d.add("new: " + k));
        return d;
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> xattrs(Path p) throws IOException {
        UserDefinedFileAttributeView v = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        Map<String, String> out = new TreeMap<>();
        for (String name : v.list()) {
            ByteBuffer buf = ByteBuffer.allocate(v.size(name));
            v.read(name, buf);
            out.put(name, HexFormat.of().formatHex(buf.array()));
        }
        return out;
    }

    /** {@code plant DIR SNAPSHOT} or {@code check DIR SNAPSHOT}: exit 0 unchanged, 1 with every difference. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        Path file = Path.of(args[2]);
        if (args[0].equals("plant")) {
            write(plant(dir), file);
            return;
        }
        Map<String, String> before = read(file);
        List<String> d = diff(before, snapshot(dir));
        d.forEach(System.out::println);
        System.out.println(d.isEmpty() ? "canary " + dir + ": " + before.size() + " entries unchanged" : "canary " + dir + ": CHANGED");
        System.exit(d.isEmpty() ? 0 : 1);
    }

    private static void write(Map<String, String> s, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        s.forEach((k, v) -> lines.add(k + "\t" + v));
        Files.write(file, lines);
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String l : Files.readAllLines(file)) {
            int tab = l.indexOf('\t');
            out.put(l.substring(0, tab), l.substring(tab + 1));
        }
        return out;
    }
}
