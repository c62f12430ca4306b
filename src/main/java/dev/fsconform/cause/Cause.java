package dev.fsconform.cause;

import java.util.List;

/**
 * Why an environment produced an outcome (EXDEV, or an injected ENOSYS/EPERM/EINVAL).
 *
 * @param id stable id, one of {@link #IDS}; each has a page docs/causes/ID.md
 * @param title one line a user understands
 * @param evidence what was read (fingerprint, mountinfo, labels) and which control cells compared
 * @param fix the usual fix or workaround, one sentence
 */
public record Cause(String id, String title, List<String> evidence, String fix) {
    public static final String MOUNT_BOUNDARY = "mount-boundary";
    public static final String OVERLAYFS_LOWER_DIR = "overlayfs-lower-dir";
    public static final String OVERLAYFS_INODE_NUMBER = "overlayfs-inode-number";
    public static final String FUSE_OVERLAYFS = "fuse-overlayfs";
    public static final String BTRFS_SUBVOLUME = "btrfs-subvolume";
    public static final String FUSE = "fuse";
    public static final String LANDLOCK_REFER = "landlock-refer";
    public static final String SECCOMP = "seccomp";
    public static final String GVISOR_RENAME_FLAGS = "gvisor-rename-flags";
    public static final String GVISOR_COPY_UP = "gvisor-copy-up";
    public static final String GVISOR_TMP_TMPFS = "gvisor-tmp-tmpfs";
    public static final String UNKNOWN = "unknown";
    public static final List<String> IDS = List.of(MOUNT_BOUNDARY, OVERLAYFS_LOWER_DIR, OVERLAYFS_INODE_NUMBER, FUSE_OVERLAYFS,
            BTRFS_SUBVOLUME, FUSE, LANDLOCK_REFER, SECCOMP, GVISOR_RENAME_FLAGS, GVISOR_COPY_UP, GVISOR_TMP_TMPFS, UNKNOWN);

    public Cause {
        evidence = List.copyOf(evidence);
    }
}
