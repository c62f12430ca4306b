package dev.fsconform.env;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The kernel log (/dev/kmsg) from a mark on: where overlayfs explains why it refuses a mount
 * ("conflicting options: ..."), which mount(8) does not pass on. Marks take turns across threads,
 * so the lines read belong to the one mount attempted meanwhile. Without root it reads nothing.
 */
final class KernelLog implements AutoCloseable {
    private static final int O_NONBLOCK = 04000;
    private static final int SEEK_END = 2;
    private static final ReentrantLock TURN = new ReentrantLock();

    private final FsContextCalls c;
    private final int fd;

    private KernelLog(FsContextCalls c, int fd) {
        this.c = c;
        this.fd = fd;
    }

    /** Starts reading at the end of the log; hold it only around one attempt. */
    static KernelLog mark() {
        TURN.lock();
        try {
            FsContextCalls c = KernelOptionCheck.calls();
            int fd = c.open("/dev/kmsg", O_NONBLOCK);
            if (fd >= 0) {
                c.lseek(fd, 0, SEEK_END);
            }
            return new KernelLog(c, fd);
        } catch (RuntimeException | LinkageError e) {
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
        Pointer buf = Memory.allocateDirect(Runtime.getRuntime(c), 8192);
        for (int i = 0; i < 256; i++) {
            long n = c.read(fd, buf, 8192);
            if (n <= 0) {
                // EAGAIN: no more records (EPIPE, records overwritten meanwhile, ends the read too).
                break;
            }
            String record = buf.getString(0, (int) n, StandardCharsets.UTF_8);
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
                c.close(fd);
            }
        } finally {
            TURN.unlock();
        }
    }
}
