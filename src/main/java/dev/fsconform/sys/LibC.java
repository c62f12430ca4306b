package dev.fsconform.sys;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * The one raw libc binding. Every call saves errno, so that {@link Posix} reads it before anything
 * else runs on the thread; nothing but {@link Posix} calls these methods.
 * <p>
 * <b>Never declare a method with exactly six primitive integer parameters.</b> jnr-ffi 2.3.4 (the
 * newest with native jars that resolve here) compiles such a method on x86_64 into a stub that loads
 * the sixth argument from the wrong stack slot ({@code X86_64StubCompiler} reads [rsp+0], the return
 * address, for it): strace shows {@code renameat2(..., RENAME_EXCHANGE|0xbc9455d8)} for flags 5. A
 * method with an object parameter and more than four parameters, or with seven or more, takes jnr's
 * generic path, which is correct. So {@code syscall} is always declared with the number and six
 * arguments, and {@code LibCSignaturesTest} fails on any method of the broken shape;
 * {@code NativeArgumentsTest} checks with the kernel that every argument position arrives intact.
 * <p>
 * Public only because jnr-ffi generates its implementation in another class loader.
 */
public interface LibC {
    @SaveError int rename(String oldpath, String newpath);

    @SaveError int renameat(int olddirfd, String oldpath, int newdirfd, String newpath);

    @SaveError int link(String oldpath, String newpath);

    @SaveError int linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);

    @SaveError int unlink(String path);

    @SaveError int open(String path, int flags);

    @SaveError int openat(int dirfd, String path, int flags, int mode);

    @SaveError int mkdirat(int dirfd, String path, int mode);

    @SaveError int unlinkat(int dirfd, String path, int flags);

    @SaveError int symlinkat(String target, int newdirfd, String linkpath);

    @SaveError long readlinkat(int dirfd, String path, Pointer buf, long size);

    @SaveError int close(int fd);

    @SaveError long read(int fd, Pointer buf, long count);

    @SaveError long write(int fd, Pointer buf, long count);

    @SaveError long lseek(int fd, long offset, int whence);

    @SaveError int statx(int dirfd, String path, int flags, int mask, Pointer buf);

    @SaveError int statfs(String path, Pointer buf);

    @SaveError int fcntl(int fd, int cmd, int arg);

    @SaveError int prctl(int option, long a2, long a3, long a4, long a5);

    @SaveError int sigprocmask(int how, Pointer set, Pointer oldSet);

    @SaveError int execve(Pointer path, Pointer argv, Pointer envp);

    @SaveError int unshare(int flags);

    @SaveError int setns(int fd, int nstype);

    /** pid 0: the calling thread; the mask is a cpu_set_t of {@code size} bytes. */
    @SaveError int sched_getaffinity(int pid, long size, Pointer mask);

    @SaveError int sched_setaffinity(int pid, long size, Pointer mask);

    int sched_getcpu();

    /**
     * Raw syscall(2), for calls some libcs lack (renameat2 before glibc 2.28, Landlock, seccomp, the
     * fs context API). Variadic in C; 64-bit integer arguments are passed the same way on x86_64 and
     * aarch64 Linux, and the kernel ignores those a call does not take.
     */
    @SaveError long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /** The same in renameat2's shape, with the two paths passed as C strings by jnr. */
    @SaveError long syscall(long number, int a1, String a2, int a3, String a4, long a5, long a6);
}
