package dev.fsconform.cause;

import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Placement;
import java.util.List;
import java.util.Optional;

/** The evidence of {@link Causes#UNKNOWN}: everything a rule could have read, so a bug report can name the mechanism. */
final class Unknown {
    private Unknown() {
    }

    static Optional<Evidence> evidence(Context c) {
        Observation o = c.cell();
        Evidence e = new Evidence().add("outcome: " + Context.show(o));
        if (c.where() != null) {
            e.add("source parent on " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()) + " dev " + c.where().sourceDev()
                    + " (" + c.where().sourceFs() + "), target parent on " + c.describeMount(c.where().targetMountId(), c.where().targetDev())
                    + " dev " + c.where().targetDev() + " (" + c.where().targetFs() + ")");
        }
        MountFacts m = c.sourceMount();
        if (m != null) {
            e.add("mount options: " + m.mountOptions() + "; superblock options: " + m.superOptions());
        }
        Fingerprint fp = c.fp();
        if (fp != null) {
            e.add("kernel " + fp.kernel() + ", seccomp mode " + fp.seccompMode() + " (" + fp.seccompFilters()
                    + " filters), Landlock ABI " + fp.landlockAbi() + ", sandbox " + fp.sandbox().describe() + ", labels " + fp.labels());
        }
        if (c.scenario() != null) {
            for (Placement p : List.of(Placement.SAME_DIR, Placement.CROSS_DIR)) {
                Observation ctl = c.controls().fresh(o, p);
                if (ctl != null && ctl != o) {
                    e.add("control: " + Context.show(ctl));
                }
            }
        }
        return Optional.of(e);
    }
}
