package dev.fsconform.sys;

/**
 * The identity of a path without following symlinks. {@code mountId} comes from statx and tells two
 * bind mounts of one filesystem apart, which st_dev cannot.
 */
public record Stat(FileKind kind, String dev, long ino, long nlink, long mountId) {
    public static final Stat ABSENT = new Stat(FileKind.ABSENT, null, 0, 0, 0);

    public boolean exists() {
        return kind != FileKind.ABSENT;
    }
}
