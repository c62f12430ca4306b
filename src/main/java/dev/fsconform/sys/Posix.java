package dev.fsconform.sys;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The checked facade over {@link LibC}, and the one way in to native calls: every call reads errno
 * immediately after the call, before any other native or JVM work could overwrite it, and returns a
 * {@link CallResult} (or throws {@link NativeCallException} for a helper call the caller cannot do
 * without). {@link #get()} loads libc once and fails loudly with a reason a user can act on.
 */
public final class Posix {
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;
    public static final int RENAME_WHITEOUT = 4;

    static final int AT_FDCWD = -100;
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int ENOSPC = 28;
    private static final int ENAMETOOLONG = 36;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_REMOVEDIR = 0x200;
    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_NONBLOCK = 04000;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final int SEEK_END = 2;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final int SIG_SETMASK = 2;
    private static final int SIGSET_BYTES = 128;
    /** glibc's cpu_set_t: 1024 CPUs. */
    private static final int CPU_SET_BYTES = 128;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_MNT_ID = 0x1000;
    private static final int STATX_SIZE = 256;
    /** Enough for a fixture's file in one read, a few hundred directory entries and any symlink target (PATH_MAX). */
    private static final int DATA_SIZE = 16384;
    private static final int NEW_FILE_MODE = 0666;
    private static final int NEW_DIR_MODE = 0777;
    private static final int LANDLOCK_CREATE_RULESET_VERSION = 1;
    private static final int LANDLOCK_RULE_PATH_BENEATH = 1;
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int FSOPEN_CLOEXEC = 1;
    private static final int CLONE_FS = 0x200;
    private static final int CLONE_NEWNS = 0x20000;
    private static final int FSCONFIG_SET_FLAG = 0;
    private static final int FSCONFIG_SET_STRING = 1;
    private static final int FSCONFIG_CMD_CREATE = 6;

    private static volatile Posix instance;

    private final LibC libc;
    private final Runtime runtime;
    private final Arch arch;
    private final CMemory memory;
    private final ThreadLocal<Pointer> buffer;
    private final ThreadLocal<Pointer> data;

    private Posix(LibC libc, Arch arch) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.arch = arch;
        this.memory = new CMemory(runtime);
        this.buffer = ThreadLocal.withInitial(() -> Memory.allocateDirect(runtime, STATX_SIZE));
        this.data = ThreadLocal.withInitial(() -> Memory.allocateDirect(runtime, DATA_SIZE));
    }

    /**
     * Whether libc is loaded already, and with it jffi's stub: code that must not be the first to load
     * it (before {@link NativeBootstrap}) asks.
     */
    public static boolean loaded() {
        return instance != null;
    }

    /** Loads libc once; throws {@link NativeUnavailableException} with a one-line reason if it cannot. */
    public static Posix get() {
        Posix p = instance;
        if (p == null) {
            synchronized (Posix.class) {
                if (instance == null) {
                    instance = load();
                }
                p = instance;
            }
        }
        return p;
    }

    private static Posix load() {
        Arch arch = Arch.current().orElseThrow(() -> new NativeUnavailableException("unsupported architecture '"
                + System.getProperty("os.arch") + "': fsconform knows the syscall numbers of x86_64 and aarch64 only"));
        try {
            LibC libc = LibraryLoader.create(LibC.class).failImmediately().load("c");
            return new Posix(libc, arch);
        } catch (LinkageError | RuntimeException e) {
            throw new NativeUnavailableException("cannot load native libc through jnr-ffi ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); fsconform needs Linux with glibc or musl", e);
        }
    }

    public Arch arch() {
        return arch;
    }

    private int errno() {
        return runtime.getLastError();
    }

    private CallResult result(long rc) {
        return rc >= 0 ? (rc == 0 ? CallResult.ok() : new CallResult(rc, null)) : CallResult.failed(errno());
    }

    // --- the calls under test -------------------------------------------------------------------------

    public CallResult rename(Path from, Path to) {
        return result(libc.rename(from.toString(), to.toString()));
    }

    public CallResult link(Path from, Path to) {
        return result(libc.link(from.toString(), to.toString()));
    }

    public CallResult unlink(Path path) {
        return result(libc.unlink(path.toString()));
    }

    /**
     * renameat(2) with directory descriptors for both parents and names relative to them (one
     * descriptor, passed twice, when both names are in one directory).
     */
    public CallResult renameat(Path from, Path to) {
        try (Parents p = new Parents(from, to)) {
            return result(libc.renameat(p.from, name(from), p.to, name(to)));
        }
    }

    /** renameat2(2) through the raw syscall, so it works whatever the libc version. */
    public CallResult renameat2(Path from, Path to, int flags) {
        try (Parents p = new Parents(from, to)) {
            return result(libc.syscall(arch.renameat2(), p.from, name(from), p.to, name(to), flags, 0));
        }
    }

    public CallResult linkat(Path from, Path to) {
        try (Parents p = new Parents(from, to)) {
            return result(libc.linkat(p.from, name(from), p.to, name(to), 0));
        }
    }

    // --- observing ------------------------------------------------------------------------------------
    // Each call names its object relative to a Dir: an open directory (one or two names to walk, where
    // a path from / walks every component again, most of a call's cost on a deep scratch directory),
    // or CWD with a whole path.

    /** A directory held open with O_PATH, or {@link #CWD}; names given with it are relative to it. */
    public static final class Dir implements AutoCloseable {
        private final Posix posix;
        private final int fd;
        private final Path path;

        private Dir(Posix posix, int fd, Path path) {
            this.posix = posix;
            this.fd = fd;
            this.path = path;
        }

        /** The path it was opened by (null for CWD), for messages. */
        public Path path() {
            return path;
        }

        Path resolve(String name) {
            return path == null ? Path.of(name) : path.resolve(name);
        }

        @Override
        public void close() {
            if (fd != AT_FDCWD) {
                posix.libc.close(fd);
            }
        }
    }

    private final Dir cwd = new Dir(this, AT_FDCWD, null);

    /** Whole paths, resolved as the process sees them (AT_FDCWD); closing it does nothing. */
    public Dir cwd() {
        return cwd;
    }

    /** Opens {@code name} under {@code at} as a Dir (O_PATH: no read right needed, nothing copied up). */
    public Dir openDir(Dir at, String name) {
        int fd = libc.openat(at.fd, name, O_PATH | O_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeCallException("open", at.resolve(name), Errno.of(errno()));
        }
        return new Dir(this, fd, at.resolve(name));
    }

    public Dir openDir(Path dir) {
        return openDir(cwd, dir.toString());
    }

    /** lstat-like identity via statx, including the mount id (0 where the kernel has no STATX_MNT_ID). */
    public Stat stat(Path path) {
        return stat(cwd, path.toString());
    }

    public Stat stat(Dir at, String name) {
        Pointer buf = buffer.get();
        int rc = libc.statx(at.fd, name, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_MNT_ID, buf);
        if (rc != 0) {
            int e = errno();
            if (e == ENOENT || e == ENOTDIR) {
                return Stat.ABSENT;
            }
            throw new NativeCallException("statx", at.resolve(name), Errno.of(e));
        }
        int mask = buf.getInt(0);
        long nlink = buf.getInt(16) & 0xffffffffL;
        int mode = buf.getShort(28) & 0xffff;
        long ino = buf.getLong(32);
        int rdevMajor = buf.getInt(128);
        int rdevMinor = buf.getInt(132);
        String dev = buf.getInt(136) + ":" + buf.getInt(140);
        long mountId = (mask & STATX_MNT_ID) != 0 ? buf.getLong(144) : 0;
        return new Stat(FileKind.fromMode(mode, rdevMajor, rdevMinor), dev, ino, nlink, mountId);
    }

    /** Whether {@code name} is a regular file, following symlinks; false on any error, as Files.isRegularFile. */
    public boolean isRegularFile(Dir at, String name) {
        Pointer buf = buffer.get();
        return libc.statx(at.fd, name, 0, STATX_BASIC_STATS, buf) == 0 && (buf.getShort(28) & 0xF000) == 0x8000;
    }

    /** A file's whole content (read until end of file), following symlinks. */
    public byte[] readFile(Dir at, String name) {
        int fd = libc.openat(at.fd, name, O_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeCallException("open", at.resolve(name), Errno.of(errno()));
        }
        try {
            Pointer buf = data.get();
            byte[] all = new byte[0];
            while (true) {
                long n = libc.read(fd, buf, DATA_SIZE);
                if (n < 0) {
                    throw new NativeCallException("read", at.resolve(name), Errno.of(errno()));
                }
                if (n == 0) {
                    return all;
                }
                byte[] more = Arrays.copyOf(all, all.length + (int) n);
                buf.get(0, more, all.length, (int) n);
                all = more;
            }
        } finally {
            libc.close(fd);
        }
    }

    /** A symlink's target as the kernel stores it, decoded as java.io decodes file names. */
    public String readLink(Dir at, String name) {
        Pointer buf = data.get();
        long n = libc.readlinkat(at.fd, name, buf, DATA_SIZE);
        if (n < 0) {
            throw new NativeCallException("readlink", at.resolve(name), Errno.of(errno()));
        }
        if (n == DATA_SIZE) {
            throw new NativeCallException("readlink", at.resolve(name), Errno.of(ENAMETOOLONG));
        }
        return memory.decode(buf, 0, (int) n);
    }

    /** The names in a directory, without "." and "..", in the order the kernel returns them. */
    public List<String> list(Dir at, String name) {
        int fd = libc.openat(at.fd, name, O_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeCallException("open", at.resolve(name), Errno.of(errno()));
        }
        try {
            Pointer buf = data.get();
            List<String> names = new ArrayList<>();
            while (true) {
                long n = libc.syscall(arch.getdents64(), fd, buf.address(), DATA_SIZE, 0, 0, 0);
                if (n < 0) {
                    throw new NativeCallException("getdents64", at.resolve(name), Errno.of(errno()));
                }
                if (n == 0) {
                    return names;
                }
                // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                for (int off = 0; off < n; off += buf.getShort(off + 16) & 0xffff) {
                    int len = 0;
                    while (buf.getByte(off + 19 + len) != 0) {
                        len++;
                    }
                    String entry = memory.decode(buf, off + 19, len);
                    if (!entry.equals(".") && !entry.equals("..")) {
                        names.add(entry);
                    }
                }
            }
        } finally {
            libc.close(fd);
        }
    }

    /** statfs(2) f_type: the filesystem magic that really serves a path (overlay, fuse, tmpfs …). */
    public long fsMagic(Path path) {
        Pointer buf = buffer.get();
        if (libc.statfs(path.toString(), buf) != 0) {
            throw new NativeCallException("statfs", path, Errno.of(errno()));
        }
        return buf.getLong(0);
    }

    /** The Landlock ABI this kernel offers, or why it offers none: the one place that asks. */
    public LandlockAbi landlockAbi() {
        long rc = libc.syscall(Arch.LANDLOCK_CREATE_RULESET, 0, 0, LANDLOCK_CREATE_RULESET_VERSION, 0, 0, 0);
        return rc >= 0 ? new LandlockAbi((int) rc, null) : new LandlockAbi(-1, Errno.of(errno()));
    }

    // --- making fixtures ------------------------------------------------------------------------------

    /** mkdir(2) with mode 0777 (less the umask), as Files.createDirectory. */
    public CallResult mkdir(Dir at, String name) {
        return result(libc.mkdirat(at.fd, name, NEW_DIR_MODE));
    }

    public CallResult mkdir(Path dir) {
        return mkdir(cwd, dir.toString());
    }

    /** unlinkat(2): a directory ({@code directory}, AT_REMOVEDIR) or any other name. */
    public CallResult unlink(Dir at, String name, boolean directory) {
        return result(libc.unlinkat(at.fd, name, directory ? AT_REMOVEDIR : 0));
    }

    public CallResult symlink(String target, Dir at, String name) {
        return result(libc.symlinkat(target, at.fd, name));
    }

    /** A new regular file (O_EXCL, mode 0666 less the umask) holding {@code content}: open, write, close. */
    public CallResult createFile(Dir at, String name, byte[] content) {
        int fd = libc.openat(at.fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, NEW_FILE_MODE);
        if (fd < 0) {
            return CallResult.failed(errno());
        }
        CallResult written = writeAll(fd, content);
        CallResult closed = result(libc.close(fd));
        return written.succeeded() ? closed : written;
    }

    private CallResult writeAll(int fd, byte[] content) {
        Pointer buf = data.get();
        for (int done = 0; done < content.length; ) {
            int chunk = Math.min(DATA_SIZE, content.length - done);
            buf.put(0, content, done, chunk);
            long n = libc.write(fd, buf, chunk);
            if (n < 0) {
                return CallResult.failed(errno());
            }
            if (n == 0) {
                return CallResult.failed(ENOSPC); // a regular file that takes no byte of a non-empty write is full
            }
            done += (int) n;
        }
        return CallResult.ok();
    }

    // --- descriptors ----------------------------------------------------------------------------------

    /** An O_PATH descriptor (no read or write right needed), close-on-exec. */
    public CallResult openPath(Path path) {
        return result(libc.open(path.toString(), O_PATH | O_CLOEXEC));
    }

    /** A non-blocking read-only descriptor, close-on-exec (for /dev/kmsg, which hands out one record per read). */
    public CallResult openNonBlocking(Path path) {
        return result(libc.open(path.toString(), O_NONBLOCK | O_CLOEXEC));
    }

    public CallResult close(int fd) {
        return result(libc.close(fd));
    }

    public CallResult seekToEnd(int fd) {
        return result(libc.lseek(fd, 0, SEEK_END));
    }

    /** One read(2) of up to {@code max} bytes as UTF-8; empty at end, on EAGAIN and on any error. */
    public String readOnce(int fd, int max) {
        Pointer buf = Memory.allocateDirect(runtime, max);
        long n = libc.read(fd, buf, max);
        return n <= 0 ? "" : buf.getString(0, (int) n, StandardCharsets.UTF_8);
    }

    public CallResult setCloseOnExec(int fd) {
        return result(libc.fcntl(fd, F_SETFD, FD_CLOEXEC));
    }

    /** close_range(first, ~0U, CLOSE_RANGE_CLOEXEC): needs Linux 5.11. */
    public CallResult closeOnExecFrom(int first) {
        return result(libc.syscall(Arch.CLOSE_RANGE, first, 0xFFFFFFFFL, CLOSE_RANGE_CLOEXEC, 0, 0, 0));
    }

    // --- sandboxing -----------------------------------------------------------------------------------

    public CallResult setNoNewPrivs() {
        return result(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    }

    /** A ruleset handling {@code handledFsMask}; only handled_access_fs, the size every ABI accepts. */
    public CallResult landlockCreateRuleset(long handledFsMask) {
        Pointer attr = memory.zeroed(8);
        attr.putLong(0, handledFsMask);
        long rc = libc.syscall(Arch.LANDLOCK_CREATE_RULESET, attr.address(), 8, 0, 0, 0, 0);
        CallResult r = result(rc);
        Reference.reachabilityFence(attr);
        return r;
    }

    /** Grants {@code allowedMask} beneath the directory or file open as {@code parentFd}. */
    public CallResult landlockAddPathRule(int ruleset, int parentFd, long allowedMask) {
        Pointer attr = memory.zeroed(12); // struct landlock_path_beneath_attr is packed
        attr.putLong(0, allowedMask);
        attr.putInt(8, parentFd);
        long rc = libc.syscall(Arch.LANDLOCK_ADD_RULE, ruleset, LANDLOCK_RULE_PATH_BENEATH, attr.address(), 0, 0, 0);
        CallResult r = result(rc);
        Reference.reachabilityFence(attr);
        return r;
    }

    public CallResult landlockRestrictSelf(int ruleset) {
        return result(libc.syscall(Arch.LANDLOCK_RESTRICT_SELF, ruleset, 0, 0, 0, 0, 0));
    }

    /**
     * seccomp(SECCOMP_SET_MODE_FILTER, flags, prog) for a program of struct sock_filter in native
     * byte order. A positive value under TSYNC is the id of a thread that could not be synchronised.
     */
    public CallResult seccompSetModeFilter(byte[] sockFilters, int flags) {
        Pointer filter = memory.zeroed(sockFilters.length);
        filter.put(0, sockFilters, 0, sockFilters.length);
        Pointer fprog = memory.zeroed(16); // struct sock_fprog { unsigned short len; pad; filter* }
        fprog.putShort(0, (short) (sockFilters.length / 8));
        fprog.putAddress(8, filter.address());
        long rc = libc.syscall(arch.seccomp(), SECCOMP_SET_MODE_FILTER, flags, fprog.address(), 0, 0, 0);
        CallResult r = result(rc);
        Reference.reachabilityFence(filter);
        Reference.reachabilityFence(fprog);
        return r;
    }

    /** Unblocks every signal: the mask survives execve, and JVM threads block some (SIGQUIT). */
    public CallResult unblockAllSignals() {
        Pointer empty = memory.zeroed(SIGSET_BYTES);
        CallResult r = result(libc.sigprocmask(SIG_SETMASK, empty, null));
        Reference.reachabilityFence(empty);
        return r;
    }

    /**
     * Moves the calling thread alone into the mount namespace of process {@code pid}: unshare(CLONE_FS)
     * first, since setns refuses a mount namespace to a thread that shares its root and working
     * directory with the other threads of the process. The thread's root and working directory become
     * that namespace's root; the other threads stay where they were, and what the thread starts
     * (processes, threads) inherits the namespace.
     */
    public CallResult enterMountNamespaceOf(long pid) {
        CallResult r = result(libc.unshare(CLONE_FS));
        if (!r.succeeded()) {
            return r;
        }
        CallResult ns = openNonBlocking(Path.of("/proc", Long.toString(pid), "ns", "mnt"));
        if (!ns.succeeded()) {
            return ns;
        }
        try {
            return result(libc.setns(ns.fd(), CLONE_NEWNS));
        } finally {
            libc.close(ns.fd());
        }
    }

    /** This thread's CPU affinity mask (a cpu_set_t's bytes), or null where the kernel does not say. */
    public byte[] threadAffinity() {
        Pointer mask = memory.zeroed(CPU_SET_BYTES);
        if (libc.sched_getaffinity(0, CPU_SET_BYTES, mask) != 0) {
            return null;
        }
        byte[] out = new byte[CPU_SET_BYTES];
        mask.get(0, out, 0, CPU_SET_BYTES);
        return out;
    }

    /** Sets this thread's CPU affinity mask, as {@link #threadAffinity} gave it. */
    public CallResult setThreadAffinity(byte[] cpus) {
        Pointer mask = memory.zeroed(CPU_SET_BYTES);
        mask.put(0, cpus, 0, Math.min(cpus.length, CPU_SET_BYTES));
        return result(libc.sched_setaffinity(0, CPU_SET_BYTES, mask));
    }

    /** The CPU this thread runs on right now, or -1. */
    public int currentCpu() {
        return libc.sched_getcpu();
    }

    /** An execve(2) whose native memory is ready, so that nothing is allocated after a sandbox is applied. */
    public static final class Exec {
        private final Pointer path;
        private final CMemory.CStringArray argv;
        private final CMemory.CStringArray envp;

        private Exec(Pointer path, CMemory.CStringArray argv, CMemory.CStringArray envp) {
            this.path = path;
            this.argv = argv;
            this.envp = envp;
        }
    }

    public Exec prepareExec(Path program, List<String> argv, List<String> environment) {
        return new Exec(memory.cString(program.toString()), memory.cStringArray(argv), memory.cStringArray(environment));
    }

    /** Returns only when execve failed. */
    public CallResult execve(Exec exec) {
        CallResult r = result(libc.execve(exec.path, exec.argv.array(), exec.envp.array()));
        Reference.reachabilityFence(exec);
        return r;
    }

    // --- the fs context API (fsopen, fsconfig), for asking the kernel about mount options -------------

    public CallResult fsopen(String fsType) {
        Pointer name = memory.cString(fsType);
        CallResult r = result(libc.syscall(Arch.FSOPEN, name.address(), FSOPEN_CLOEXEC, 0, 0, 0, 0));
        Reference.reachabilityFence(name);
        return r;
    }

    /** fsconfig SET_FLAG for {@code key}, or SET_STRING when {@code value} is not null. */
    public CallResult fsconfigSet(int fd, String key, String value) {
        Pointer k = memory.cString(key);
        Pointer v = value == null ? null : memory.cString(value);
        long rc = libc.syscall(Arch.FSCONFIG, fd, value == null ? FSCONFIG_SET_FLAG : FSCONFIG_SET_STRING, k.address(),
                v == null ? 0 : v.address(), 0, 0);
        CallResult r = result(rc);
        Reference.reachabilityFence(k);
        Reference.reachabilityFence(v);
        return r;
    }

    public CallResult fsconfigCreate(int fd) {
        return result(libc.syscall(Arch.FSCONFIG, fd, FSCONFIG_CMD_CREATE, 0, 0, 0, 0));
    }

    // --- raw ------------------------------------------------------------------------------------------

    /**
     * A raw syscall with up to six arguments, each a number, or a String or Path passed as a C string;
     * for tests that call a syscall by number (x32 entry points, calls the facade does not offer).
     */
    public CallResult syscall(long number, Object... args) {
        if (args.length > 6) {
            throw new IllegalArgumentException("a syscall takes at most six arguments, got " + args.length);
        }
        long[] a = new long[6];
        List<Pointer> keep = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Number n) {
                a[i] = n.longValue();
            } else if (args[i] instanceof CharSequence || args[i] instanceof Path) {
                Pointer s = memory.cString(args[i].toString());
                keep.add(s);
                a[i] = s.address();
            } else {
                throw new IllegalArgumentException("syscall argument " + i + " is neither a number nor a path: " + args[i]);
            }
        }
        CallResult r = result(libc.syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]));
        Reference.reachabilityFence(keep);
        return r;
    }

    private int openParent(Path dir) {
        CallResult r = openPath(dir);
        if (!r.succeeded()) {
            throw new NativeCallException("open", dir, r.errno());
        }
        return r.fd();
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    /** O_PATH descriptors of two names' parent directories: one when they share it. */
    private final class Parents implements AutoCloseable {
        final int from;
        final int to;

        Parents(Path from, Path to) {
            this.from = openParent(from.getParent());
            if (from.getParent().equals(to.getParent())) {
                this.to = this.from;
            } else {
                int other;
                try {
                    other = openParent(to.getParent());
                } catch (RuntimeException e) {
                    libc.close(this.from);
                    throw e;
                }
                this.to = other;
            }
        }

        @Override
        public void close() {
            if (to != from) {
                libc.close(to);
            }
            libc.close(from);
        }
    }
}
