package dev.fsconform.sys;

import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Checked facade over the raw bindings: every call returns a {@link CallResult} whose errno was read
 * immediately after the call, before any other native or JVM work could overwrite it.
 */
public final class Posix {
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;
    public static final int RENAME_WHITEOUT = 4;

    static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int O_PATH = 0x200000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_MNT_ID = 0x1000;
    private static final int STATX_SIZE = 256;
    private static final int LANDLOCK_CREATE_RULESET_VERSION = 1;

    private static volatile Posix instance;

    private final LibC libc;
    private final Runtime runtime;
    private final Arch arch;
    private final ThreadLocal<Pointer> buffer;

    private Posix(LibC libc, Arch arch) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.arch = arch;
        this.buffer = ThreadLocal.withInitial(() -> Memory.allocateDirect(runtime, STATX_SIZE));
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
        Arch arch = Arch.current();
        try {
            LibC libc = LibraryLoader.create(LibC.class).failImmediately().load("c");
            return new Posix(libc, arch);
        } catch (LinkageError | RuntimeException e) {
            throw new NativeUnavailableException("cannot load native libc through jnr-ffi ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); fsconform needs Linux with glibc or musl", e);
        }
    }

    private int errno() {
        return runtime.getLastError();
    }

    private CallResult result(long rc) {
        return rc == 0 ? CallResult.ok() : CallResult.failed(errno());
    }

    public CallResult rename(Path from, Path to) {
        return result(libc.rename(from.toString(), to.toString()));
    }

    public CallResult link(Path from, Path to) {
        return result(libc.link(from.toString(), to.toString()));
    }

    public CallResult unlink(Path path) {
        return result(libc.unlink(path.toString()));
    }

    /** renameat(2) with directory descriptors for both parents and names relative to them. */
    public CallResult renameat(Path from, Path to) {
        try (DirFd a = openDir(from.getParent()); DirFd b = openDir(to.getParent())) {
            return result(libc.renameat(a.fd, name(from), b.fd, name(to)));
        }
    }

    /** renameat2(2) through the raw syscall, so it works whatever the libc version. */
    public CallResult renameat2(Path from, Path to, int flags) {
        try (DirFd a = openDir(from.getParent()); DirFd b = openDir(to.getParent())) {
            return result(libc.syscall(arch.renameat2, a.fd, name(from), b.fd, name(to), flags));
        }
    }

    public CallResult linkat(Path from, Path to) {
        try (DirFd a = openDir(from.getParent()); DirFd b = openDir(to.getParent())) {
            return result(libc.linkat(a.fd, name(from), b.fd, name(to), 0));
        }
    }

    /** lstat-like identity via statx, including the mount id (0 where the kernel has no STATX_MNT_ID). */
    public Stat stat(Path path) {
        Pointer buf = buffer.get();
        int rc = libc.statx(AT_FDCWD, path.toString(), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_MNT_ID, buf);
        if (rc != 0) {
            Errno e = Errno.of(errno());
            if ("ENOENT".equals(e.name()) || "ENOTDIR".equals(e.name())) {
                return Stat.ABSENT;
            }
            throw new NativeCallException("statx", path, e);
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

    /** statfs(2) f_type: the filesystem magic that really serves a path (overlay, fuse, tmpfs …). */
    public long fsMagic(Path path) {
        Pointer buf = buffer.get();
        if (libc.statfs(path.toString(), buf) != 0) {
            throw new NativeCallException("statfs", path, Errno.of(errno()));
        }
        return buf.getLong(0);
    }

    /** The Landlock ABI this kernel offers, or the negated errno when it offers none. */
    public int landlockAbi() {
        long rc = libc.syscall(arch.landlockCreateRuleset, 0, 0, LANDLOCK_CREATE_RULESET_VERSION, 0, 0);
        return rc >= 0 ? (int) rc : -errno();
    }

    private DirFd openDir(Path dir) {
        int fd = libc.open(dir.toString(), O_PATH | O_CLOEXEC);
        if (fd < 0) {
            throw new NativeCallException("open", dir, Errno.of(errno()));
        }
        return new DirFd(fd);
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private final class DirFd implements AutoCloseable {
        final int fd;

        DirFd(int fd) {
            this.fd = fd;
        }

        @Override
        public void close() {
            libc.close(fd);
        }
    }
}
