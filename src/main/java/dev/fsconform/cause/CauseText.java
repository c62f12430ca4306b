package dev.fsconform.cause;

import java.util.Map;

/** Title and usual fix of every cause id: what reports and diagnoses say, kept next to each other. */
final class CauseText {
    record Text(String title, String fix) {
    }

    private static final Map<String, Text> TEXTS = Map.of(
            Cause.MOUNT_BOUNDARY, new Text(
                    "the two directories are on different mounts",
                    "keep temporary files and directories on the same mount as their destination (create them next to it); a move across mounts is a copy"),
            Cause.OVERLAYFS_LOWER_DIR, new Text(
                    "overlayfs will not move a directory that comes from a lower layer (redirect_dir is not on)",
                    "mount the overlay with redirect_dir=on (impossible with userxattr), or copy lower-layer directories instead of renaming them"),
            Cause.OVERLAYFS_INODE_NUMBER, new Text(
                    "overlayfs shows two inode numbers for one copied-up file (its layers are on different filesystems and xino is off)",
                    "keep all overlay layers on one filesystem or mount with xino=on; programs should not take two st_ino values as two files after a copy-up"),
            Cause.FUSE_OVERLAYFS, new Text(
                    "fuse-overlayfs answers the call itself and cannot move directories that are not wholly in the upper layer",
                    "prefer kernel overlayfs with redirect_dir=on; otherwise copy lower-layer directories"),
            Cause.BTRFS_SUBVOLUME, new Text(
                    "the two directories are in different btrfs subvolumes",
                    "create temporary files and directories inside the destination's subvolume"),
            Cause.FUSE, new Text(
                    "a FUSE filesystem answers rename itself and may refuse it",
                    "check the FUSE server's rename support, or keep temporary directories on a local filesystem next to the destination"),
            Cause.LANDLOCK_REFER, new Text(
                    "Landlock does not grant LANDLOCK_ACCESS_FS_REFER, so renames and links that change directory get EXDEV",
                    "grant LANDLOCK_ACCESS_FS_REFER on the writable directories (Landlock ABI >= 2, Linux >= 5.19); a best-effort sandbox must not silently drop it on older kernels"),
            Cause.SECCOMP, new Text(
                    "a seccomp filter refuses some rename system calls",
                    "allow renameat2 in the seccomp profile (Docker's default profile does); if it must stay blocked, answer ENOSYS so programs fall back to rename"),
            Cause.UNKNOWN, new Text(
                    "no rule explains this outcome",
                    "attach this evidence to a bug report; if a new mechanism is found, add a cause rule"));

    private CauseText() {
    }

    static Text of(String id) {
        return TEXTS.get(id);
    }

    static Cause cause(String id, Evidence evidence) {
        Text t = TEXTS.get(id);
        return new Cause(id, t.title(), evidence.lines(), t.fix());
    }
}
