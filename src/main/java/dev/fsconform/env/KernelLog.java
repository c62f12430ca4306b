package dev.fsconform.env;

import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Posix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The kernel log (/dev/kmsg) from a mark on: where overlayfs explains why it refuses a mount
 * ("conflicting options: ..."), which mount(8) does not pass on. Marks take turns across threads,
 * so the lines read belong to the one mount attempted meanwhile. Without root it reads nothing.
 */
final class KernelLog implements AutoCloseable {
    private static final Path KMSG = Path.of("/dev/kmsg");
    private static final ReentrantLock TURN = new ReentrantLock();

    private final Posix posix;
    private final int fd;

    private KernelLog(Posix posix, int fd) {
        this.posix = posix;
        this.fd = fd;
    }

    /** Starts reading at the end of the log; hold it only around one attempt. */
    static KernelLog mark() {
        TURN.lock();
        try {
            Posix posix = Posix.get();
            CallResult open = posix.openNonBlocking(KMSG);
            int fd = open.succeeded() ? open.fd() : -1;
            if (fd >= 0) {
                posix.seekToEnd(fd);
            }
            return new KernelLog(posix, fd);
        } catch (RuntimeException e) {
            TURN.unlock();
            throw e;
        }
    }

    /** Records since the mark from a filesystem, whose names vary in case: "EXT4-fs (loop0)", "XFS (loop1)". */
    String linesAbout(String fs) {
        return lines(fs.toLowerCase(java.util.Locale.ROOT), true);
    }

    /** Records logged since the mark whose text starts with {@code prefix}, joined by "; ". */
    String lines(String prefix) {
        return lines(prefix, false);
    }

    private String lines(String prefix, boolean ignoreCase) {
        if (fd < 0) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            String record = posix.readOnce(fd, 8192);
            if (record.isEmpty()) {
                // EAGAIN: no more records (EPIPE, records overwritten meanwhile, ends the read too).
                break;
            }
            String msg = record.substring(record.indexOf(';') + 1).lines().findFirst().orElse("").strip();
            if ((ignoreCase ? msg.toLowerCase(java.util.Locale.ROOT) : msg).startsWith(prefix)) {
                out.add(msg);
            }
        }
        return String.join("; ", out);
    }

    @Override
    public void close() {
        try {
            if (fd >= 0) {
                posix.close(fd);
            }
        } finally {
            TURN.unlock();
        }
    }
}
