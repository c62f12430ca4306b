package dev.fsconform.junit;

import dev.fsconform.verdict.CellLabel;
import dev.fsconform.result.Observation;

/** The stable names tests and environments carry in reports, IDEs and the page. */
final class Names {
    private Names() {
    }

    /** The environment name validate gives a probed directory. */
    static String environment(String dir) {
        return "sandbox:" + dir;
    }

    /** {@code rename × file-cross-dir [/workspace]}: unique within a run, the same in every run. */
    static String cell(Observation o, String dir) {
        return CellLabel.of(o) + " [" + dir + "]";
    }
}
