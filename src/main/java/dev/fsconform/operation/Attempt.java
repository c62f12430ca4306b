package dev.fsconform.operation;

import dev.fsconform.sys.Errno;

/**
 * The raw result of one attempt: success, or the errno / Java exception that stopped it.
 * {@code detail} keeps the exception message or tool output for the record.
 */
public record Attempt(boolean succeeded, Errno errno, String exception, String detail) {

    public static Attempt ok() {
        return new Attempt(true, null, null, null);
    }

    public static Attempt errno(Errno errno) {
        return new Attempt(false, errno, null, null);
    }

    public static Attempt exception(Throwable t, Errno errno) {
        return new Attempt(false, errno, t.getClass().getSimpleName(), t.getMessage());
    }

    /** A tool failed: its exit status stands in for an exception, its message may reveal the errno. */
    public static Attempt toolFailure(int exitCode, Errno errno, String output) {
        return new Attempt(false, errno, "exit-" + exitCode, output);
    }
}
