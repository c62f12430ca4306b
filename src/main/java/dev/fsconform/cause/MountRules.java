package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.Observation;
import java.util.Objects;
import java.util.Optional;

/** Boundaries the kernel refuses to rename or link across (another mount, another btrfs subvolume), and mounts it refuses to change. */
final class MountRules {
    private MountRules() {
    }

    /**
     * Different mount ids: the kernel refuses before it looks at anything else, bind mounts included.
     * Without mount ids, two devices on a filesystem other than btrfs are two filesystems, so two mounts.
     */
    static Optional<Evidence> mountBoundary(Context c) {
        boolean inferred = c.boundary() == Boundary.UNKNOWN && !c.sourceIs("btrfs");
        if ((c.boundary() != Boundary.MOUNT && !inferred) || !Signals.exdev(c.cell())) {
            return Optional.empty();
        }
        Evidence e = new Evidence()
                .add("source parent on " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev())
                        + ", target parent on " + c.describeMount(c.where().targetMountId(), c.where().targetDev()));
        if (inferred) {
            e.add("no mount id was visible, but the parents are on two devices (" + c.where().sourceDev() + ", "
                    + c.where().targetDev() + ") of " + c.where().sourceFs() + ", which is not btrfs: two filesystems, so two mounts");
        } else if (Objects.equals(c.where().sourceDev(), c.where().targetDev())) {
            e.add("both parents are on device " + c.where().sourceDev()
                    + ": bind mounts of one filesystem, and the kernel compares mounts, not devices");
        }
        return Optional.of(e);
    }

    /** One mount, two st_dev values, btrfs: subvolumes are separate trees for rename and link. */
    static Optional<Evidence> btrfsSubvolume(Context c) {
        if ((c.boundary() != Boundary.DEVICE && c.boundary() != Boundary.UNKNOWN) || !Signals.exdev(c.cell())
                || !c.sourceIs("btrfs")) {
            return Optional.empty();
        }
        return Optional.of(new Evidence()
                .add("one " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()) + " but two devices: source parent "
                        + c.where().sourceDev() + ", target parent " + c.where().targetDev()
                        + " (btrfs gives each subvolume its own st_dev)"));
    }

    /**
     * EROFS for a seeded source: the kernel answers it only for a change on a read-only mount or
     * filesystem, and a fresh twin in the writable scratch directory that did not get it shows that no
     * filter answers EROFS for the call itself.
     */
    static Optional<Evidence> readOnly(Context c) {
        if (!"EROFS".equals(Signals.errno(c.cell())) || c.where() == null || c.scenario() == null || !c.scenario().seeded()) {
            return Optional.empty();
        }
        Observation fresh = c.controls().fresh(c.cell(), c.scenario().placement());
        if (fresh != null && (!fresh.ran() || "EROFS".equals(Signals.errno(fresh)))) {
            return Optional.empty();
        }
        Evidence e = new Evidence()
                .add("EROFS: the kernel refuses any change on a read-only mount or filesystem (mnt_want_write) before the filesystem sees it")
                .add("the source is in the seeded tree, on " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()));
        e.add(fresh == null ? "no fresh control cell ran: inferred from EROFS on a seeded source alone"
                : "control: " + Context.show(fresh) + " (fresh, in the writable scratch directory)");
        return Optional.of(e);
    }
}
