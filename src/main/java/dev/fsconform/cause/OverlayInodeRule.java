package dev.fsconform.cause;

import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import java.util.List;
import java.util.Optional;

/**
 * A hard link to a lower-layer file on overlayfs: the call succeeds and both names hold the file, but
 * the new name reports another st_ino. overlayfs keeps st_ino uniform across copy-up only when all
 * layers are on one filesystem or xino is on; otherwise the copied-up object shows the upper inode
 * through one name and the origin's through the other.
 */
final class OverlayInodeRule {
    private OverlayInodeRule() {
    }

    static Optional<Cause> apply(Context c) {
        Observation cell = c.cell();
        PostState post = cell.postState();
        if (c.where() == null || !"WRONG_STATE".equals(cell.outcome()) || post == null || !post.problems().equals(List.of(PostState.LINK_NOT_SAME_INODE))
                || !Rules.isType(c, "overlayfs") || c.scenario() == null || !c.scenario().seeded()) {
            return Optional.empty();
        }
        MountFacts m = c.sourceMount();
        String xino = option(m, "xino=");
        if ("on".equals(xino)) {
            // With xino=on the kernel promises uniform inode numbers: this rule cannot explain it.
            return Optional.empty();
        }
        Evidence e = new Evidence()
                .add("overlayfs: " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()))
                .add(xino == null ? "xino absent from mountinfo: the kernel default (overlay.xino_auto module parameter "
                        + label(c, "kernel.overlay.xino_auto") + ") is in force, and it is off unless that says Y"
                        : "xino=" + xino + " in the mount's options")
                .add("the source file comes from the seeded (lower-layer) tree; the link copied it up, and both names hold "
                        + "its data, yet the new name reports another inode number");
        if (OverlayOptions.of(m).userxattr()) {
            e.add("userxattr is set (an unprivileged overlay)");
        }
        Observation fresh = c.controls().fresh(cell, c.scenario().placement());
        if (fresh != null && fresh.ran() && "OK".equals(fresh.outcome())) {
            e.add("control: " + Context.show(fresh) + " (fresh, upper layer only: one inode number for both names)");
        }
        return Optional.of(CauseText.cause(Cause.OVERLAYFS_INODE_NUMBER, e));
    }

    private static String option(MountFacts m, String prefix) {
        String opts = m == null ? "" : m.superOptions() + "," + m.mountOptions();
        for (String o : opts.split(",")) {
            if (o.startsWith(prefix)) {
                return o.substring(prefix.length());
            }
        }
        return null;
    }

    private static String label(Context c, String key) {
        String v = c.label(key);
        return v == null ? "not recorded" : "= " + v;
    }
}
