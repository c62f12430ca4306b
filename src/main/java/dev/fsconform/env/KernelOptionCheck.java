package dev.fsconform.env;

import dev.fsconform.sys.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Asks the kernel whether it accepts a filesystem's mount options, and if not, why, in its own words.
 * mount(8) from util-linux 2.38 only says "wrong fs type, bad option"; the kernel's reason goes to
 * dmesg. An fs context (fsopen + fsconfig + CMD_CREATE) returns the reason on its descriptor when
 * the filesystem logs through it, and closing it without fsmount(2) leaves nothing mounted anywhere.
 * overlayfs still logs most option conflicts with pr_err, so the kernel log written meanwhile is
 * read too ({@link KernelLog}).
 */
final class KernelOptionCheck {
    // fsopen and fsconfig have the same numbers on every architecture (the unified table from 5.2).
    private static final long SYS_FSOPEN = 430;
    private static final long SYS_FSCONFIG = 431;
    private static final long FSOPEN_CLOEXEC = 1;
    private static final long FSCONFIG_SET_FLAG = 0;
    private static final long FSCONFIG_SET_STRING = 1;
    private static final long FSCONFIG_CMD_CREATE = 6;

    private static volatile FsContextCalls calls;

    private KernelOptionCheck() {
    }

    /** Null when the kernel accepts {@code options} (mount -o syntax), else the kernel's complaint. */
    static String refusal(String fsType, String options) {
        try (KernelLog log = KernelLog.mark()) {
            String refusal = attempt(calls(), fsType, options);
            if (refusal == null) {
                return null;
            }
            String logged = log.lines(fsType);
            return logged.isEmpty() ? refusal : logged + " (" + refusal + ")";
        }
    }

    private static String attempt(FsContextCalls c, String fsType, String options) {
        Runtime rt = Runtime.getRuntime(c);
        long fd = c.syscall(SYS_FSOPEN, fsType, FSOPEN_CLOEXEC);
        if (fd < 0) {
            return "fsopen(" + fsType + ") failed: " + Errno.of(rt.getLastError()).name();
        }
        try {
            for (String opt : split(options)) {
                int eq = opt.indexOf('=');
                long rc = eq < 0
                        ? c.syscall(SYS_FSCONFIG, fd, FSCONFIG_SET_FLAG, opt, null, 0)
                        : c.syscall(SYS_FSCONFIG, fd, FSCONFIG_SET_STRING, opt.substring(0, eq), opt.substring(eq + 1), 0);
                if (rc < 0) {
                    return complaint(c, (int) fd, rt.getLastError(), "option " + opt);
                }
            }
            if (c.syscall(SYS_FSCONFIG, fd, FSCONFIG_CMD_CREATE, null, null, 0) < 0) {
                return complaint(c, (int) fd, rt.getLastError(), "creating the superblock");
            }
            return null;
        } finally {
            c.close((int) fd);
        }
    }

    private static String complaint(FsContextCalls c, int fd, int errno, String step) {
        List<String> messages = new ArrayList<>();
        Pointer buf = Memory.allocateDirect(Runtime.getRuntime(c), 1024);
        for (int i = 0; i < 16; i++) {
            long n = c.read(fd, buf, 1024);
            if (n <= 0) {
                break;
            }
            String m = buf.getString(0, (int) n, StandardCharsets.UTF_8).strip();
            // Each message starts with its severity: "e " error, "w " warning, "i " info.
            messages.add(m.length() > 2 && m.charAt(1) == ' ' ? m.substring(2) : m);
        }
        String name = Errno.of(errno).name();
        return messages.isEmpty() ? step + " failed with " + name : String.join("; ", messages) + " (" + name + ")";
    }

    private static List<String> split(String options) {
        List<String> out = new ArrayList<>();
        for (String o : options.split(",")) {
            if (!o.isBlank()) {
                out.add(o.strip());
            }
        }
        return out;
    }

    static FsContextCalls calls() {
        FsContextCalls c = calls;
        if (c == null) {
            synchronized (KernelOptionCheck.class) {
                if (calls == null) {
                    calls = LibraryLoader.create(FsContextCalls.class).failImmediately().load("c");
                }
                c = calls;
            }
        }
        return c;
    }
}
