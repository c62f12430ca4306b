package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every cause rule, in one place. Each reads the fingerprint and the differential controls and
 * either fires with its evidence or stays silent; several may fire for one cell (overlay and
 * Landlock together), and {@link Attribution} falls back to {@code unknown} when none does.
 */
final class Rules {
    private Rules() {
    }

    static List<Cause> fire(Context c) {
        List<Cause> out = new ArrayList<>();
        mountBoundary(c).ifPresent(out::add);
        if (GvisorRule.applies(c)) {
            // gVisor's sentry implements its own overlay and rename: Linux's overlayfs and btrfs rules say nothing here.
            GvisorRule.tmpTmpfs(c).ifPresent(out::add);
            GvisorRule.copyUp(c).ifPresent(out::add);
            GvisorRule.renameFlags(c).ifPresent(out::add);
        } else {
            btrfsSubvolume(c).ifPresent(out::add);
            overlayLowerDir(c).ifPresent(out::add);
            OverlayInodeRule.apply(c).ifPresent(out::add);
        }
        fuseOverlayfs(c).ifPresent(out::add);
        fuse(c).ifPresent(out::add);
        landlockRefer(c).ifPresent(out::add);
        seccomp(c).ifPresent(out::add);
        return out;
    }

    /**
     * Different mount ids: the kernel refuses before it looks at anything else, bind mounts included.
     * Without mount ids, two devices on a filesystem other than btrfs are two filesystems, so two mounts.
     */
    static Optional<Cause> mountBoundary(Context c) {
        boolean inferred = c.boundary() == Boundary.UNKNOWN && !isType(c, "btrfs");
        if ((c.boundary() != Boundary.MOUNT && !inferred) || !Signals.exdev(c.cell())) {
            return Optional.empty();
        }
        Evidence e = new Evidence()
                .add("source parent on " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev())
                        + ", target parent on " + c.describeMount(c.where().targetMountId(), c.where().targetDev()));
        if (inferred) {
            e.add("no mount id was visible, but the parents are on two devices (" + c.where().sourceDev() + ", "
                    + c.where().targetDev() + ") of " + c.where().sourceFs() + ", which is not btrfs: two filesystems, so two mounts");
        } else if (java.util.Objects.equals(c.where().sourceDev(), c.where().targetDev())) {
            e.add("both parents are on device " + c.where().sourceDev()
                    + ": bind mounts of one filesystem, and the kernel compares mounts, not devices");
        }
        return Optional.of(CauseText.cause(Cause.MOUNT_BOUNDARY, e));
    }

    /** One mount, two st_dev values, btrfs: subvolumes are separate trees for rename and link. */
    static Optional<Cause> btrfsSubvolume(Context c) {
        if ((c.boundary() != Boundary.DEVICE && c.boundary() != Boundary.UNKNOWN) || !Signals.exdev(c.cell())
                || !isType(c, "btrfs")) {
            return Optional.empty();
        }
        return Optional.of(CauseText.cause(Cause.BTRFS_SUBVOLUME, new Evidence()
                .add("one " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()) + " but two devices: source parent "
                        + c.where().sourceDev() + ", target parent " + c.where().targetDev()
                        + " (btrfs gives each subvolume its own st_dev)")));
    }

    /** A seeded directory on overlayfs without redirect_dir=on, confirmed by a control that moved fine. */
    static Optional<Cause> overlayLowerDir(Context c) {
        MountFacts m = c.sourceMount();
        if (!Signals.exdev(c.cell()) || c.boundary() != Boundary.NONE || !isType(c, "overlayfs")
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
        return Optional.of(CauseText.cause(Cause.OVERLAYFS_LOWER_DIR, e));
    }

    /**
     * fuse-overlayfs answers renames itself and cannot move directories that are not wholly upper. Across
     * mounts the VFS refuses before any filesystem is asked, so no FUSE rule fires there.
     */
    static Optional<Cause> fuseOverlayfs(Context c) {
        MountFacts m = c.sourceMount();
        if (m == null || !"fuse.fuse-overlayfs".equals(m.fsType()) || vfsRefused(c)) {
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
        return Optional.of(CauseText.cause(Cause.FUSE_OVERLAYFS, e));
    }

    /** Any other FUSE filesystem: the server may answer EXDEV (or anything) at will. */
    static Optional<Cause> fuse(Context c) {
        MountFacts m = c.sourceMount();
        boolean fuse = "fuse".equals(c.where() == null ? null : c.where().sourceFs())
                || (m != null && m.fsType() != null && m.fsType().startsWith("fuse"));
        if (!fuse || (m != null && "fuse.fuse-overlayfs".equals(m.fsType())) || vfsRefused(c)) {
            return Optional.empty();
        }
        return Optional.of(CauseText.cause(Cause.FUSE, new Evidence()
                .add(c.describeMount(c.where().sourceMountId(), c.where().sourceDev()) + " is served by a FUSE daemon, which answers rename itself")));
    }

    /** Cross-directory EXDEV on one mount while the same-directory control works: Landlock without REFER. */
    static Optional<Cause> landlockRefer(Context c) {
        return LandlockRule.apply(c);
    }

    /** An injected errno for some syscalls only, under a seccomp filter. */
    static Optional<Cause> seccomp(Context c) {
        return SeccompRule.apply(c);
    }

    /** EXDEV across mounts: the VFS answered before any filesystem (or FUSE server) was asked. */
    private static boolean vfsRefused(Context c) {
        return (c.boundary() == Boundary.MOUNT || c.boundary() == Boundary.UNKNOWN) && Signals.exdev(c.cell());
    }

    static boolean isType(Context c, String statfsType) {
        MountFacts m = c.sourceMount();
        return (c.where() != null && statfsType.equals(c.where().sourceFs())) || (m != null && statfsType.equals(m.statfsType()));
    }
}
