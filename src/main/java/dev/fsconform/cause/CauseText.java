package dev.fsconform.cause;

import java.util.Map;

/** Title and usual fix of every cause id: what reports and diagnoses say, kept next to each other. */
final class CauseText {
    record Text(String title, String fix) {
    }

    private static final Map<String, Text> TEXTS = Map.ofEntries(
            Map.entry(Cause.MOUNT_BOUNDARY, new Text(
                    "the two directories are on different mounts",
                    "keep temporary files and directories on the same mount as their destination (create them next to it); a move across mounts is a copy")),
            Map.entry(Cause.OVERLAYFS_LOWER_DIR, new Text(
                    "overlayfs will not move a directory that comes from a lower layer (redirect_dir is not on)",
                    "mount the overlay with redirect_dir=on (impossible with userxattr), or copy lower-layer directories instead of renaming them")),
            Map.entry(Cause.OVERLAYFS_INODE_NUMBER, new Text(
                    "overlayfs shows two inode numbers for one copied-up file (its layers are on different filesystems and xino is off)",
                    "keep all overlay layers on one filesystem or mount with xino=on; programs should not take two st_ino values as two files after a copy-up")),
            Map.entry(Cause.FUSE_OVERLAYFS, new Text(
                    "fuse-overlayfs answers the call itself and cannot move directories that are not wholly in the upper layer",
                    "prefer kernel overlayfs with redirect_dir=on; otherwise copy lower-layer directories")),
            Map.entry(Cause.BTRFS_SUBVOLUME, new Text(
                    "the two directories are in different btrfs subvolumes",
                    "create temporary files and directories inside the destination's subvolume")),
            Map.entry(Cause.FUSE, new Text(
                    "a FUSE filesystem answers rename itself and may refuse it",
                    "check the FUSE server's rename support, or keep temporary directories on a local filesystem next to the destination")),
            Map.entry(Cause.LANDLOCK_REFER, new Text(
                    "Landlock does not grant LANDLOCK_ACCESS_FS_REFER, so renames and links that change directory get EXDEV",
                    "grant LANDLOCK_ACCESS_FS_REFER on the writable directories (Landlock ABI >= 2, Linux >= 5.19); a best-effort sandbox must not silently drop it on older kernels")),
            Map.entry(Cause.SECCOMP, new Text(
                    "a seccomp filter refuses some rename system calls",
                    "allow renameat2 in the seccomp profile (Docker's default profile does); if it must stay blocked, answer ENOSYS so programs fall back to rename")),
            Map.entry(Cause.GVISOR_RENAME_FLAGS, new Text(
                    "gVisor implements renameat2 without RENAME_EXCHANGE and RENAME_WHITEOUT and answers EINVAL",
                    "swap with two renames through a temporary name (or link + rename), and treat EINVAL from renameat2 flags as unsupported, not as a bad argument")),
            Map.entry(Cause.GVISOR_COPY_UP, new Text(
                    "gVisor's own overlay copies an image-layer file or directory up when it is renamed or linked, so the call succeeds with a new inode",
                    "do not rely on st_ino surviving a rename or link of an image-layer object under gVisor; copy image-layer trees once at start-up, or mount the directory from a volume")),
            Map.entry(Cause.GVISOR_TMP_TMPFS, new Text(
                    "gVisor mounts its own tmpfs over an empty /tmp, so /tmp is another mount than the rootfs",
                    "create temporary files next to their destination (or point TMPDIR there); an image whose /tmp is not empty keeps gVisor from adding its tmpfs")),
            Map.entry(Cause.UNKNOWN, new Text(
                    "no rule explains this outcome",
                    "attach this evidence to a bug report; if a new mechanism is found, add a cause rule")));

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
