package dev.fsconform.sys;

/**
 * What one native call returned: success with its value (a descriptor, a count, or 0), or the errno
 * captured right after it.
 */
public record CallResult(long value, Errno errno) {
    private static final CallResult OK = new CallResult(0, null);

    public static CallResult ok() {
        return OK;
    }

    public static CallResult failed(int errno) {
        return new CallResult(-1, Errno.of(errno));
    }

    public boolean succeeded() {
        return errno == null;
    }

    /** The value as a descriptor, for calls that return one. */
    public int fd() {
        return (int) value;
    }
}
