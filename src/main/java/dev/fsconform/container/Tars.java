package dev.fsconform.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Tar streams for the engine's archive upload: one host file or tree under a chosen name, with its
 * permission bits (a Java runtime needs its executables executable) and symlinks as links.
 */
final class Tars {
    private Tars() {
    }

    /** Writes each source (file or directory tree) under its name (a relative path) into a tar file at {@code out}. */
    static void write(Map<String, Path> entries, Path out) throws IOException {
        try (OutputStream os = Files.newOutputStream(out); TarArchiveOutputStream tar = new TarArchiveOutputStream(os)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                Path source = e.getValue();
                List<Path> all;
                try (Stream<Path> walk = Files.walk(source)) {
                    all = walk.sorted().collect(Collectors.toList());
                }
                for (Path p : all) {
                    String rel = source.relativize(p).toString();
                    add(tar, p, rel.isEmpty() ? e.getKey() : e.getKey() + "/" + rel);
                }
            }
        }
    }

    private static void add(TarArchiveOutputStream tar, Path p, String name) throws IOException {
        TarArchiveEntry e;
        if (Files.isSymbolicLink(p)) {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            e = new TarArchiveEntry(name + "/");
        } else {
            e = new TarArchiveEntry(name);
            e.setSize(Files.size(p));
        }
        if (!Files.isSymbolicLink(p)) {
            e.setMode(mode(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) | (e.isDirectory() ? 040000 : 0100000));
        }
        tar.putArchiveEntry(e);
        // Not e.isFile(): it answers true for symlink entries too.
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
    }

    private static int mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= 1 << (8 - p.ordinal());
        }
        return m;
    }
}
