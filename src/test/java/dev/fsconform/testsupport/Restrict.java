package dev.fsconform.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * Test-only stand-in for a foreign sandbox: restricts its own thread with Landlock and/or a seccomp
 * filter, then execs a command, which inherits the restriction without knowing about it. This is
 * what a container runtime or agent sandbox does to the probe.
 *
 * <pre>Restrict [--landlock no-refer|refer] [--rw DIR]... [--seccomp-renameat2 ENOSYS|EPERM] -- CMD...</pre>
 */
public final class Restrict {
    private static final long SYS_LANDLOCK_CREATE_RULESET = 444;
    private static final long SYS_LANDLOCK_ADD_RULE = 445;
    private static final long SYS_LANDLOCK_RESTRICT_SELF = 446;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_SET_SECCOMP = 22;
    private static final int SECCOMP_MODE_FILTER = 2;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final long READ = 1 | 1 << 2 | 1 << 3; // EXECUTE, READ_FILE, READ_DIR
    private static final long ABI1_ALL = (1 << 13) - 1;
    private static final long REFER = 1 << 13;
    private static final long TRUNCATE = 1 << 14;

    /** Raw calls; public because jnr-ffi implements it in another class loader. */
    public interface Sys {
        long syscall(long number, long a1, long a2, long a3, long a4);

        int prctl(int option, long a2, long a3, long a4, long a5);

        int open(String path, int flags);
    }

    private Restrict() {
    }

    public static void main(String[] args) {
        String landlock = null;
        String seccompErrno = null;
        List<String> rw = new ArrayList<>();
        int i = 0;
        for (; i < args.length && !args[i].equals("--"); i++) {
            switch (args[i]) {
                case "--landlock": landlock = args[++i]; break;
                case "--rw": rw.add(args[++i]); break;
                case "--seccomp-renameat2": seccompErrno = args[++i]; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String[] cmd = Arrays.copyOfRange(args, i + 1, args.length);
        Sys sys = LibraryLoader.create(Sys.class).load("c");
        Runtime rt = Runtime.getRuntime(sys);
        check(sys.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)");
        if (landlock != null) {
            landlock(sys, rt, "refer".equals(landlock), rw);
        }
        if (seccompErrno != null) {
            seccomp(sys, rt, "EPERM".equals(seccompErrno) ? 1 : 38);
        }
        POSIX posix = POSIXFactory.getNativePOSIX();
        int rc = posix.execve(cmd[0], cmd, System.getenv().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        throw new IllegalStateException("execve " + cmd[0] + " failed: " + rc + " errno " + posix.errno());
    }

    private static void landlock(Sys sys, Runtime rt, boolean grantRefer, List<String> rw) {
        long abi = sys.syscall(SYS_LANDLOCK_CREATE_RULESET, 0, 0, 1, 0);
        check(abi, "landlock ABI");
        long handled = ABI1_ALL | (abi >= 2 ? REFER : 0) | (abi >= 3 ? TRUNCATE : 0);
        Pointer attr = Memory.allocateDirect(rt, 8);
        attr.putLong(0, handled);
        long ruleset = sys.syscall(SYS_LANDLOCK_CREATE_RULESET, attr.address(), 8, 0, 0);
        check(ruleset, "landlock_create_ruleset");
        addRule(sys, rt, ruleset, "/", READ);
        long write = handled & ~(grantRefer ? 0 : REFER);
        for (String dir : rw) {
            addRule(sys, rt, ruleset, dir, write);
        }
        addRule(sys, rt, ruleset, "/dev/null", 1 << 1 | 1 << 2); // WRITE_FILE, READ_FILE: a file takes no dir rights
        check(sys.syscall(SYS_LANDLOCK_RESTRICT_SELF, ruleset, 0, 0, 0), "landlock_restrict_self");
    }

    private static void addRule(Sys sys, Runtime rt, long ruleset, String path, long access) {
        int fd = sys.open(path, O_PATH | O_CLOEXEC);
        check(fd, "open " + path);
        Pointer beneath = Memory.allocateDirect(rt, 12);
        beneath.putLong(0, access);
        beneath.putInt(8, fd);
        check(sys.syscall(SYS_LANDLOCK_ADD_RULE, ruleset, 1, beneath.address(), 0), "landlock_add_rule " + path);
    }

    /** Classic BPF: renameat2 gets the errno, every other syscall (and a foreign arch) is allowed. */
    private static void seccomp(Sys sys, Runtime rt, int errno) {
        boolean arm = System.getProperty("os.arch").toLowerCase(Locale.ROOT).contains("aarch64");
        long arch = arm ? 0xc00000b7L : 0xc000003eL;
        long renameat2 = arm ? 276 : 316;
        long[][] prog = {
            {0x20, 0, 0, 4}, {0x15, 0, 3, arch}, {0x20, 0, 0, 0}, {0x15, 0, 1, renameat2},
            {0x06, 0, 0, 0x00050000L | errno}, {0x06, 0, 0, 0x7fff0000L}};
        Pointer filter = Memory.allocateDirect(rt, prog.length * 8);
        for (int k = 0; k < prog.length; k++) {
            filter.putShort(k * 8, (short) prog[k][0]);
            filter.putByte(k * 8 + 2, (byte) prog[k][1]);
            filter.putByte(k * 8 + 3, (byte) prog[k][2]);
            filter.putInt(k * 8 + 4, (int) prog[k][3]);
        }
        Pointer fprog = Memory.allocateDirect(rt, 16);
        fprog.putShort(0, (short) prog.length);
        fprog.putAddress(8, filter.address());
        check(sys.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog.address(), 0, 0), "seccomp filter");
    }

    private static void check(long rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException(what + " failed (" + rc + ")");
        }
    }
}
