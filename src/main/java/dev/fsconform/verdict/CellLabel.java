package dev.fsconform.verdict;

import dev.fsconform.result.CellKey;
import dev.fsconform.result.Observation;

/** How every view names a cell to a person: {@code rename × dir-cross-dir}. Never a key. */
public final class CellLabel {
    private CellLabel() {
    }

    public static String of(CellKey key) {
        return key.operation() + " × " + key.scenario();
    }

    public static String of(Observation o) {
        return of(o.cell());
    }
}
