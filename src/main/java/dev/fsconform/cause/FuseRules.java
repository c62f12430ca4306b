package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import java.util.Optional;

/**
 * A FUSE server answers rename itself. Across mounts the VFS refuses before any filesystem is asked,
 * so no FUSE rule fires there.
 */
final class FuseRules {
    private static final String FUSE_OVERLAYFS = "fuse.fuse-overlayfs";

    private FuseRules() {
    }

    /** fuse-overlayfs cannot move directories that are not wholly in the upper layer. */
    static Optional<Evidence> fuseOverlayfs(Context c) {
        MountFacts m = c.sourceMount();
        if (m == null || !FUSE_OVERLAYFS.equals(m.fsType()) || vfsRefused(c)) {
            return Optional.empty();
        }
        Evidence e = new Evidence().add(c.describeMount(m.mountId(), m.dev()) + " is fuse-overlayfs (statfs " + m.statfsType() + ")");
        if (c.scenario() != null && c.scenario().seeded() && c.scenario().source().directory()) {
            e.add("the source directory comes from a lower layer, and fuse-overlayfs has no redirect_dir");
            Observation fresh = c.controls().fresh(c.cell(), c.scenario().placement());
            if (fresh != null) {
                e.add("control: " + Context.show(fresh) + " (fresh, upper layer only)");
            }
        } else {
            e.add("the FUSE server, not the kernel, decided this outcome");
        }
        return Optional.of(e);
    }

    /** Any other FUSE filesystem: the server may answer EXDEV (or anything) at will. */
    static Optional<Evidence> fuse(Context c) {
        MountFacts m = c.sourceMount();
        boolean fuse = "fuse".equals(c.where() == null ? null : c.where().sourceFs())
                || (m != null && m.fsType() != null && m.fsType().startsWith("fuse"));
        if (!fuse || (m != null && FUSE_OVERLAYFS.equals(m.fsType())) || vfsRefused(c)) {
            return Optional.empty();
        }
        return Optional.of(new Evidence()
                .add(c.describeMount(c.where().sourceMountId(), c.where().sourceDev()) + " is served by a FUSE daemon, which answers rename itself"));
    }

    /** EXDEV across mounts: the VFS answered before any filesystem (or FUSE server) was asked. */
    private static boolean vfsRefused(Context c) {
        return (c.boundary() == Boundary.MOUNT || c.boundary() == Boundary.UNKNOWN) && Signals.exdev(c.cell());
    }
}
