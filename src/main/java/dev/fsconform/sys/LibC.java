package dev.fsconform.sys;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * Raw libc bindings. Every call saves errno so the facade can read it before anything else runs.
 * Public only because jnr-ffi generates its implementation in another class loader.
 */
public interface LibC {
    @SaveError int rename(String oldpath, String newpath);

    @SaveError int renameat(int olddirfd, String oldpath, int newdirfd, String newpath);

    @SaveError int link(String oldpath, String newpath);

    @SaveError int linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);

    @SaveError int unlink(String path);

    @SaveError int open(String path, int flags);

    @SaveError int close(int fd);

    @SaveError int statx(int dirfd, String path, int flags, int mask, Pointer buf);

    @SaveError int statfs(String path, Pointer buf);

    /** Raw syscall for calls some libcs lack (renameat2 before glibc 2.28, landlock). */
    @SaveError long syscall(long number, long a1, long a2, long a3, long a4, long a5);

    @SaveError long syscall(long number, int a1, String a2, int a3, String a4, int a5);
}
