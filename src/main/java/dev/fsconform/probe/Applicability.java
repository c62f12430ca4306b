package dev.fsconform.probe;

import dev.fsconform.operation.Operation;
import dev.fsconform.scenario.Scenario;

/** Which cells are meaningless (not applicable) and which cannot run here (skipped), with reasons. */
final class Applicability {
    private Applicability() {
    }

    static String reasonNotApplicable(Operation op, Scenario s) {
        if (op.linksOnly() && s.source().directory()) {
            return "Linux never hard-links a directory (link(2): EPERM by definition), so the cell says nothing about the environment";
        }
        return null;
    }

    static String reasonSkipped(Operation op, Scenario s, boolean haveSecond, boolean haveSeeds) {
        if (s.crossMount() && !haveSecond) {
            return "needs a second directory on another mount (--second DIR)";
        }
        if (s.seeded() && !haveSeeds) {
            return "no seed tree: run `fsconform seed DIR` into a lower layer or image first";
        }
        return op.unavailableReason();
    }
}
