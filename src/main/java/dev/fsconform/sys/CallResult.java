package dev.fsconform.sys;

/** What one native call returned: success, or the errno captured right after it. */
public record CallResult(Errno errno) {
    private static final CallResult OK = new CallResult(null);

    public static CallResult ok() {
        return OK;
    }

    public static CallResult failed(int errno) {
        return new CallResult(Errno.of(errno));
    }

    public boolean succeeded() {
        return errno == null;
    }
}
