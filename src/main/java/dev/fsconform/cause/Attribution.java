package dev.fsconform.cause;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Placement;
import java.util.List;

/**
 * Explains cells of one environment: every rule that fires, or {@code unknown} with all the evidence
 * gathered, never a silent guess. Build one per environment; the controls are indexed once.
 */
public final class Attribution {
    private final Controls controls;

    private Attribution(EnvironmentResult env) {
        this.controls = new Controls(env);
    }

    public static Attribution of(EnvironmentResult env) {
        return new Attribution(env);
    }

    public EnvironmentResult env() {
        return controls.env();
    }

    /** The causes of one cell of this environment; never empty. */
    /** The causes rules find for an allowed outcome that need not be explained (EINVAL for a flag): none is not unknown. */
    public List<Cause> explainIfKnown(Observation cell) {
        return Rules.fire(Context.of(controls, cell));
    }

    public List<Cause> explain(Observation cell) {
        Context c = Context.of(controls, cell);
        List<Cause> fired = Rules.fire(c);
        return fired.isEmpty() ? List.of(unknown(c)) : fired;
    }

    private static Cause unknown(Context c) {
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
                    + " filters), Landlock ABI " + fp.landlockAbi() + ", labels " + fp.labels());
        }
        if (c.scenario() != null) {
            for (Placement p : List.of(Placement.SAME_DIR, Placement.CROSS_DIR)) {
                Observation ctl = c.controls().fresh(o, p);
                if (ctl != null && ctl != o) {
                    e.add("control: " + Context.show(ctl));
                }
            }
        }
        return CauseText.cause(Cause.UNKNOWN, e);
    }
}
