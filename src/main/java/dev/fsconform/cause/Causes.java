package dev.fsconform.cause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The cause registry: every cause fsconform can name, one entry each, with its stable id, the rule
 * that finds it, the line a user reads, the usual fix and its page {@code docs/causes/ID.md}. Rules
 * are tried in declaration order, which is the order a cell's causes are listed in; adding a cause
 * is one entry here, its page, and a test where it fires (CauseRegistryTest checks all three).
 */
public enum Causes {
    MOUNT_BOUNDARY("mount-boundary", Scope.ANY, MountRules::mountBoundary,
            "the two directories are on different mounts",
            "keep temporary files and directories on the same mount as their destination (create them next to it); a move across mounts is a copy"),
    GVISOR_TMP_TMPFS("gvisor-tmp-tmpfs", Scope.GVISOR, GvisorRule::tmpTmpfs,
            "gVisor mounts its own tmpfs over an empty /tmp, so /tmp is another mount than the rootfs",
            "create temporary files next to their destination (or point TMPDIR there); an image whose /tmp is not empty keeps gVisor from adding its tmpfs"),
    GVISOR_COPY_UP("gvisor-copy-up", Scope.GVISOR, GvisorRule::copyUp,
            "gVisor's own overlay copies an image-layer file or directory up when it is renamed or linked, so the call succeeds with a new inode",
            "do not rely on st_ino surviving a rename or link of an image-layer object under gVisor; copy image-layer trees once at start-up, or mount the directory from a volume"),
    GVISOR_RENAME_FLAGS("gvisor-rename-flags", Scope.GVISOR, GvisorRule::renameFlags,
            "gVisor implements renameat2 without RENAME_EXCHANGE and RENAME_WHITEOUT and answers EINVAL",
            "swap with two renames through a temporary name (or link + rename), and treat EINVAL from renameat2 flags as unsupported, not as a bad argument"),
    BTRFS_SUBVOLUME("btrfs-subvolume", Scope.LINUX, MountRules::btrfsSubvolume,
            "the two directories are in different btrfs subvolumes",
            "create temporary files and directories inside the destination's subvolume"),
    READ_ONLY_MOUNT("read-only-mount", Scope.ANY, MountRules::readOnly,
            "the source is on a read-only mount, and the kernel refuses every change there",
            "copy what must change from the read-only place (an image layer, a :ro volume) to a writable one first, or mount that place read-write"),
    OVERLAYFS_LOWER_DIR("overlayfs-lower-dir", Scope.LINUX, OverlayRules::lowerDir,
            "overlayfs will not move a directory that comes from a lower layer (redirect_dir is not on)",
            "mount the overlay with redirect_dir=on (impossible with userxattr), or copy lower-layer directories instead of renaming them"),
    OVERLAYFS_INODE_NUMBER("overlayfs-inode-number", Scope.LINUX, OverlayRules::inodeNumber,
            "overlayfs shows two inode numbers for one copied-up file (its layers are on different filesystems and xino is off)",
            "keep all overlay layers on one filesystem or mount with xino=on; programs should not take two st_ino values as two files after a copy-up"),
    OVERLAYFS_UPPER_NO_XATTR("overlayfs-upper-no-xattr", Scope.LINUX, OverlayRules::upperNoXattr,
            "overlayfs answers EIO: its upper layer cannot hold overlayfs's xattrs (the kernel warned when it was mounted)",
            "put the upper layer on a filesystem with the xattrs overlayfs needs (user.* for userxattr: tmpfs from Linux 6.6, ext4, xfs, btrfs)"),
    FUSE_OVERLAYFS("fuse-overlayfs", Scope.ANY, FuseRules::fuseOverlayfs,
            "fuse-overlayfs answers the call itself and cannot move directories that are not wholly in the upper layer",
            "prefer kernel overlayfs with redirect_dir=on; otherwise copy lower-layer directories"),
    FUSE("fuse", Scope.ANY, FuseRules::fuse,
            "a FUSE filesystem answers rename itself and may refuse it",
            "check the FUSE server's rename support, or keep temporary directories on a local filesystem next to the destination"),
    LANDLOCK_REFER("landlock-refer", Scope.ANY, LandlockRule::apply,
            "Landlock does not grant LANDLOCK_ACCESS_FS_REFER, so renames and links that change directory get EXDEV",
            "grant LANDLOCK_ACCESS_FS_REFER on the writable directories (Landlock ABI >= 2, Linux >= 5.19); a best-effort sandbox must not silently drop it on older kernels"),
    SECCOMP("seccomp", Scope.ANY, SeccompRule::apply,
            "a seccomp filter refuses some rename system calls",
            "allow renameat2 in the seccomp profile (Docker's default profile does); if it must stay blocked, answer ENOSYS so programs fall back to rename"),
    /** Not a rule of its own: what {@link #explain} says, with everything gathered, when no rule fires. */
    UNKNOWN("unknown", Scope.FALLBACK, Unknown::evidence,
            "no rule explains this outcome",
            "attach this evidence to a bug report; if a new mechanism is found, add a cause rule");

    /**
     * Where a rule applies. gVisor's sentry implements rename and its own overlay, so Linux's
     * overlayfs and btrfs rules say nothing under it, and gVisor's say nothing elsewhere.
     */
    enum Scope {
        ANY(c -> true), LINUX(c -> !GvisorRule.applies(c)), GVISOR(GvisorRule::applies), FALLBACK(c -> false);

        private final Predicate<Context> applies;

        Scope(Predicate<Context> applies) {
            this.applies = applies;
        }
    }

    private final String id;
    private final Scope scope;
    private final Function<Context, Optional<Evidence>> rule;
    private final String title;
    private final String fix;

    Causes(String id, Scope scope, Function<Context, Optional<Evidence>> rule, String title, String fix) {
        this.id = id;
        this.scope = scope;
        this.rule = rule;
        this.title = title;
        this.fix = fix;
    }

    /** The stable id reports, results and the docs use. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String fix() {
        return fix;
    }

    /** The page that says what the kernel does, how fsconform detects it, and the fix. */
    public String page() {
        return "docs/causes/" + id + ".md";
    }

    /** Every id, in rule order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Causes::id).toList();
    }

    public static Optional<Causes> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    Scope scope() {
        return scope;
    }

    /** This entry's rule on one cell, where it applies: the cause with its evidence, or empty. */
    Optional<Cause> find(Context c) {
        return scope.applies.test(c) ? rule.apply(c).map(this::cause) : Optional.empty();
    }

    Cause cause(Evidence e) {
        return new Cause(id, title, e.lines(), fix);
    }

    /** Every cause whose rule fires, in registry order; several may fire for one cell (overlay and Landlock together). */
    static List<Cause> fire(Context c) {
        List<Cause> out = new ArrayList<>();
        for (Causes entry : values()) {
            entry.find(c).ifPresent(out::add);
        }
        return out;
    }

    /** The causes of a cell, never empty: {@link #UNKNOWN} with all the evidence gathered when no rule fires. */
    static List<Cause> explain(Context c) {
        List<Cause> fired = fire(c);
        return fired.isEmpty() ? List.of(UNKNOWN.cause(UNKNOWN.rule.apply(c).orElseThrow())) : fired;
    }
}
