package dev.fsconform.result;

/** What lies between a cell's two parent directories, as {@link Where} measured it. */
public enum Boundary {
    /** One mount, one device: rename must not answer EXDEV for any reason of place. */
    NONE,
    /** Two mounts (even bind mounts of one filesystem: the kernel compares vfsmounts). */
    MOUNT,
    /** One mount but two st_dev values: btrfs subvolumes. */
    DEVICE;

    public static Boundary of(Where w) {
        if (w.sourceMountId() != w.targetMountId()) {
            return MOUNT;
        }
        return java.util.Objects.equals(w.sourceDev(), w.targetDev()) ? NONE : DEVICE;
    }
}
