package dev.fsconform.result;

/** What lies between a cell's two parent directories, as {@link Where} measured it. */
public enum Boundary {
    /** One mount, one device: rename must not answer EXDEV for any reason of place. */
    NONE,
    /** Two mounts (even bind mounts of one filesystem: the kernel compares vfsmounts). */
    MOUNT,
    /** One mount but two st_dev values: btrfs subvolumes. */
    DEVICE,
    /**
     * Two st_dev values but no mount id for a parent (a mount id of 0: neither statx nor the mount
     * table named it), so another mount and a btrfs subvolume cannot be told apart.
     */
    UNKNOWN;

    public static Boundary of(Where w) {
        boolean sameDev = java.util.Objects.equals(w.sourceDev(), w.targetDev());
        if (w.sourceMountId() == 0 || w.targetMountId() == 0) {
            return sameDev ? NONE : UNKNOWN;
        }
        if (w.sourceMountId() != w.targetMountId()) {
            return MOUNT;
        }
        return sameDev ? NONE : DEVICE;
    }
}
