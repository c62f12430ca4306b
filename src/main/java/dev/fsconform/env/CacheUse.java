package dev.fsconform.env;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/**
 * A cache directory's in-use lock ({@code .in-use}): a run holds it shared while it may read the
 * directory's entries, and entries are removed only by a run that holds it alone, so pruning never
 * takes what a live run owns. Two users of one cache in one JVM count as in use by each other.
 */
final class CacheUse implements AutoCloseable {
    private final FileChannel channel;
    private FileLock shared;

    private CacheUse(FileChannel channel) {
        this.channel = channel;
    }

    static CacheUse open(Path root) throws IOException {
        return new CacheUse(FileChannel.open(Files.createDirectories(root).resolve(".in-use"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    interface Removal {
        void run() throws IOException;
    }

    /** Runs {@code removal} while no other run uses the cache; false, without running it, if one does. */
    boolean ifAlone(Removal removal) throws IOException {
        FileLock alone;
        try {
            alone = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            return false;
        }
        if (alone == null) {
            return false;
        }
        try {
            removal.run();
            return true;
        } finally {
            alone.release();
        }
    }

    /** Marks the cache in use by this run until {@link #close} (waits while another run prunes). */
    void share() throws IOException {
        if (shared == null) {
            try {
                shared = channel.lock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException sameJvm) {
                // Another user in this JVM holds it: the cache stays in use while that one runs.
            }
        }
    }

    /** When an entry was last used: its directory's time, which each use sets. */
    static FileTime lastUsed(Path entry) {
        try {
            return Files.getLastModifiedTime(entry);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static void used(Path entry) throws IOException {
        Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
    }

    @Override
    public void close() throws IOException {
        try {
            if (shared != null) {
                shared.release();
            }
        } finally {
            channel.close();
        }
    }
}
