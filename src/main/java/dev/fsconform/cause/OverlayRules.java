package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import dev.fsconform.scenario.Placement;
import java.util.List;
import java.util.Optional;

/**
 * What kernel overlayfs does to objects of a lower layer: directories that cannot move, inode numbers that
 * change, directories it cannot mark opaque.
 */
final class OverlayRules {
    /** What overlayfs logs at mount time when the upper layer refuses its xattrs (fs/overlayfs/super.c). */
    static final String NO_UPPER_XATTR = "failed to set xattr on upper";

    private OverlayRules() {
    }

    /** A seeded directory on overlayfs without redirect_dir=on, confirmed by a control that moved fine. */
    static Optional<Evidence> lowerDir(Context c) {
        MountFacts m = c.sourceMount();
        if (!Signals.exdev(c.cell()) || c.boundary() != Boundary.NONE || !c.sourceIs("overlayfs")
                || c.scenario() == null || !c.scenario().seeded() || !c.scenario().source().directory()) {
            return Optional.empty();
        }
        OverlayOptions opts = OverlayOptions.of(m);
        if (opts.redirectOn()) {
            return Optional.empty();
        }
        Evidence e = new Evidence().add(opts.describe());
        e.add("overlayfs: " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()));
        e.add("the source directory comes from the seeded (lower-layer) tree");
        Observation fresh = c.controls().fresh(c.cell(), c.scenario().placement());
        Observation seededSame = c.controls().plain(c.cell(), Placement.SAME_DIR, true);
        Observation freshSame = c.controls().plain(c.cell(), Placement.SAME_DIR, false);
        if (Signals.clean(fresh, "EXDEV")) {
            e.add("control: " + Context.show(fresh) + " (fresh, upper layer only)");
        } else if (seededSame != null && Signals.exdev(seededSame) && Signals.clean(freshSame, "EXDEV")) {
            e.add("control: " + Context.show(seededSame) + " even without changing directory, while "
                    + Context.show(freshSame) + " (fresh)");
        } else if (fresh == null && seededSame == null) {
            e.add("no control cell ran: inferred from the mount options and the seeded source alone");
        } else {
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /**
     * A hard link to a lower-layer file: the call succeeds and both names hold the file, but the new
     * name reports another st_ino. overlayfs keeps st_ino uniform across copy-up only when all layers
     * are on one filesystem or xino is on; otherwise the copied-up object shows the upper inode through
     * one name and the origin's through the other.
     */
    static Optional<Evidence> inodeNumber(Context c) {
        Observation cell = c.cell();
        PostState post = cell.postState();
        if (c.where() == null || !"WRONG_STATE".equals(cell.outcome()) || post == null || !post.problems().equals(List.of(PostState.LINK_NOT_SAME_INODE))
                || !c.sourceIs("overlayfs") || c.scenario() == null || !c.scenario().seeded()) {
            return Optional.empty();
        }
        MountFacts m = c.sourceMount();
        OverlayOptions opts = OverlayOptions.of(m);
        if (opts.xinoOn()) {
            // With xino=on the kernel promises uniform inode numbers: this rule cannot explain it.
            return Optional.empty();
        }
        Evidence e = new Evidence()
                .add("overlayfs: " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()))
                .add(opts.xino() == null ? "xino absent from mountinfo: the kernel default (overlay.xino_auto module parameter "
                        + label(c, "kernel.overlay.xino_auto") + ") is in force, and it is off unless that says Y"
                        : "xino=" + opts.xino() + " in the mount's options")
                .add("the source file comes from the seeded (lower-layer) tree; the link copied it up, and both names hold "
                        + "its data, yet the new name reports another inode number");
        if (opts.userxattr()) {
            e.add("userxattr is set (an unprivileged overlay)");
        }
        Observation fresh = c.controls().fresh(cell, c.scenario().placement());
        if (fresh != null && fresh.ran() && "OK".equals(fresh.outcome())) {
            e.add("control: " + Context.show(fresh) + " (fresh, upper layer only: one inode number for both names)");
        }
        return Optional.of(e);
    }

    /**
     * overlayfs mounted over an upper filesystem that cannot hold its xattrs (the kernel said "failed to
     * set xattr on upper" at mount time, as recorded by the lab), and a call on a seeded directory that
     * answered EIO: where overlayfs has to mark a directory opaque (removing a merged directory, making
     * one over a whiteout) ovl_set_opaque fails with EIO. A fresh control that ran clean is quoted.
     */
    static Optional<Evidence> upperNoXattr(Context c) {
        Observation cell = c.cell();
        String said = c.label(Fingerprint.OVERLAY_KERNEL_LOG);
        if (!cell.ran() || !eio(cell) || !c.sourceIs("overlayfs") || said == null || !said.contains(NO_UPPER_XATTR)
                || c.scenario() == null || !c.scenario().seeded()) {
            return Optional.empty();
        }
        Evidence e = new Evidence()
                .add("overlayfs: " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()))
                .add("the kernel logged when the lab mounted it: " + said)
                .add("without xattrs on the upper layer overlayfs cannot mark a directory opaque, and answers EIO where it must"
                        + " (removing a merged directory, making one where a lower-layer entry was removed)")
                .add("the directory comes from the seeded (lower-layer) tree");
        if (OverlayOptions.of(c.sourceMount()).userxattr()) {
            e.add("userxattr is set: overlayfs stores user.overlay.* xattrs, which tmpfs holds only from Linux 6.6");
        }
        Observation fresh = c.controls().fresh(cell, c.scenario().placement());
        if (fresh != null && fresh.ran() && !eio(fresh)) {
            e.add("control: " + Context.show(fresh) + " (fresh, upper layer only)");
        } else if (fresh != null && eio(fresh)) {
            // The upper layer alone fails the same way: the missing xattrs are not what sets this cell apart.
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** EIO from the call itself, or from the program that made it (mv prints "Input/output error"). */
    private static boolean eio(Observation o) {
        return "EIO".equals(o.errnoName()) || "EIO".equals(o.outcome())
                || o.detail() != null && o.detail().endsWith(": Input/output error");
    }

    private static String label(Context c, String key) {
        String v = c.label(key);
        return v == null ? "not recorded" : "= " + v;
    }
}
