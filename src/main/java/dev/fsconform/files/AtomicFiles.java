package dev.fsconform.files;

import dev.fsconform.sys.ProcessOwner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces files in one directory so that a reader sees either the old files or the complete new
 * ones: every new text goes into a temporary sibling first, all are written and fsynced, and only
 * then are they renamed over the targets, one after another, and the directory fsynced. A full or
 * read-only filesystem therefore fails before any target is touched. The renames themselves need
 * no space; a crash between two of them leaves one new and one old file, each complete.
 * <p>
 * Temporary names carry the writer's pid and start time, so a writer killed mid-write (SIGKILL,
 * power loss) leaves files the next writer into that directory recognises as stale and removes.
 */
public final class AtomicFiles {
    static final String PREFIX = ".fsconform-";
    static final String SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes each text (UTF-8) to its path; all paths must be in one directory. Files end up 0644. */
    public static void replace(Map<Path, String> texts) throws IOException {
        if (texts.isEmpty()) {
            return;
        }
        Path dir = texts.keySet().iterator().next().toAbsolutePath().getParent();
        for (Path p : texts.keySet()) {
            if (!p.toAbsolutePath().getParent().equals(dir)) {
                throw new IllegalArgumentException(p + " is not in " + dir);
            }
        }
        Files.createDirectories(dir);
        removeStale(dir);
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, String> e : texts.entrySet()) {
                Path tmp = Files.createTempFile(dir, PREFIX + owner() + "-", "-" + e.getKey().getFileName() + SUFFIX);
                temps.put(e.getKey(), tmp);
                // Ctrl-C or SIGTERM while writing: the JVM removes the half-written file as it exits.
                tmp.toFile().deleteOnExit();
                write(tmp, e.getValue());
                readableByAll(tmp);
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(dir);
        } finally {
            for (Path tmp : temps.values()) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** What went wrong, in the filesystem's words ("No space left on device"), without the path again. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void write(Path tmp, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            // tmpfs accepts a write and still has to find the pages; ext4's delayed allocation reports ENOSPC here.
            ch.force(true);
        }
    }

    /** Temporary files are created 0600; a report is meant to be published (CI artifacts, web servers). */
    private static void readableByAll(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // A filesystem without POSIX permissions keeps its own defaults; the file is still complete.
        }
    }

    /** So that the renames survive a power loss; a filesystem that cannot sync a directory is left as it is. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Best effort: the files themselves are complete.
        }
    }

    /** Temporary files of writers that are gone; a live writer's (another run into this directory) are left alone. */
    static List<Path> removeStale(Path dir) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : ds) {
                if (stale(p.getFileName().toString()) && Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            // An unreadable directory fails the write itself, with the reason.
        }
        return removed;
    }

    /** pid.startSecond of this JVM: enough to tell a live writer from one whose pid was reused. */
    private static String owner() {
        return ProcessOwner.current().token();
    }

    static boolean stale(String name) {
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        int dot = rest.indexOf('.');
        if (dash < 0 || dot < 0 || dot > dash) {
            return false;
        }
        return ProcessOwner.parse(rest.substring(0, dash)).map(ProcessOwner::gone).orElse(false);
    }
}
