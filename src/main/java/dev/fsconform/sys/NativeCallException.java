package dev.fsconform.sys;

import java.nio.file.Path;

/** A helper call the probe needs for observing (not the call under test) failed. */
public final class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Errno errno;

    public NativeCallException(String call, Path path, Errno errno) {
        super(call + "(" + path + ") failed: " + errno.name());
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
