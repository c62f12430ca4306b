package dev.fsconform.env;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * The new mount API's fsopen(2) and fsconfig(2) through the raw syscall (glibc 2.36 has no wrappers),
 * and the plain calls to read what the kernel says about them.
 * Public only because jnr-ffi generates its implementation in another class loader.
 */
public interface FsContextCalls {
    /** fsopen(fsname, flags). */
    @SaveError long syscall(long number, String fsName, long flags);

    /** fsconfig(fd, cmd, key, value, aux). */
    @SaveError long syscall(long number, long fd, long cmd, String key, String value, long aux);

    long read(int fd, Pointer buf, long count);

    int open(String path, int flags);

    long lseek(int fd, long offset, int whence);

    int close(int fd);
}
