package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.result.SandboxApplied;
import dev.fsconform.scenario.Placement;
import java.util.Optional;

/**
 * Landlock without REFER: EXDEV for every rename or link that changes a file's parent, on one mount,
 * for fresh objects too, while the same call within one directory works. A sandbox's Landlock
 * domain cannot be read from outside the process, so unless the launcher declared the policy (the
 * fingerprint's sandbox) the rule infers it from these controls and says so.
 */
final class LandlockRule {
    private LandlockRule() {
    }

    static Optional<Evidence> apply(Context c) {
        Observation cell = c.cell();
        if (!Signals.exdev(cell) || c.boundary() != Boundary.NONE || c.scenario() == null
                || c.scenario().placement() == Placement.SAME_DIR || declaredUnrestricted(c)) {
            return Optional.empty();
        }
        Fingerprint fp = c.fp();
        SandboxApplied.Landlock declared = c.sandbox().landlock();
        if (fp != null && fp.landlockAbi() <= 0 && (declared == null || declared.policy() == null)) {
            return Optional.empty();
        }
        Observation sameDir = c.controls().fresh(cell, Placement.SAME_DIR);
        if (!Signals.clean(sameDir, "EXDEV")) {
            sameDir = c.controls().plain(cell, Placement.SAME_DIR, false);
        }
        Observation freshCross = c.scenario().seeded() ? c.controls().fresh(cell, Placement.CROSS_DIR) : cell;
        if (!Signals.clean(sameDir, "EXDEV") || freshCross == null || !Signals.exdev(freshCross)) {
            return Optional.empty();
        }
        Evidence e = new Evidence()
                .add(policy(c))
                .add(abi(fp))
                .add(c.controls().crossDirPattern())
                .add("both parents on " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev()) + ", device "
                        + c.where().sourceDev() + ": no mount or device boundary")
                .add("control: " + Context.show(sameDir) + " (same parent directory)");
        if (freshCross != cell) {
            e.add("control: " + Context.show(freshCross) + " (fresh objects fail the same way: not a lower-layer effect)");
        }
        return Optional.of(e);
    }

    /** A declared sandbox without Landlock, or with REFER granted, rules Landlock out. */
    private static boolean declaredUnrestricted(Context c) {
        SandboxApplied.Landlock declared = c.sandbox().landlock();
        return (declared != null && declared.allowsRefer()) || (c.fp() != null && Boolean.FALSE.equals(c.fp().landlockRestricted()));
    }

    private static String abi(Fingerprint fp) {
        if (fp == null || fp.landlockAbi() < 0) {
            return "Landlock ABI unknown";
        }
        if (fp.landlockAbi() == 1) {
            return "Landlock ABI 1 on this kernel: REFER cannot be granted at all, so under any ruleset every "
                    + "cross-directory rename or link is EXDEV (kernels 5.13 to 5.18)";
        }
        return "Landlock ABI " + fp.landlockAbi() + " on this kernel (REFER exists since ABI 2)";
    }

    private static String policy(Context c) {
        SandboxApplied.Landlock declared = c.sandbox().landlock();
        if (declared != null) {
            return "declared by the launcher: " + declared.describe();
        }
        if (c.fp() != null && Boolean.TRUE.equals(c.fp().landlockRestricted())) {
            return "the launcher declared the probe Landlock-restricted (landlock.restricted=true)";
        }
        return "process appears Landlock-restricted (cannot be read from outside; inferred from controls)";
    }
}
