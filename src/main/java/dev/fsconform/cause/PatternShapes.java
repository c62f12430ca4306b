package dev.fsconform.cause;

import dev.fsconform.result.CellKey;
import dev.fsconform.result.AppTrace;
import dev.fsconform.result.Observation;
import java.util.Map;

/**
 * The single call that decides each application pattern, as an operation × scenario of the catalogue,
 * so a pattern cell gets the same differential controls as the cell it reduces to. A real tool's
 * {@code app} cell carries the shape of its deciding call, measured from its trace.
 */
final class PatternShapes {

    private static final Map<String, CellKey> SHAPES = Map.of(
            "uv-cache-persist", new CellKey("rename", "dir-cross-dir"),
            "tempfile-noclobber-publish", new CellKey("renameat2-noreplace", "file-cross-dir"),
            "tempdir-child-to-parent", new CellKey("rename", "file-cross-dir"),
            "atomic-replace-same-dir", new CellKey("rename", "file-onto-file-same-dir"),
            "staging-to-cas", new CellKey("rename", "file-cross-dir"),
            "hardlink-publish", new CellKey("link", "file-cross-dir"),
            "image-layer-dir-move", new CellKey("rename", "seeded-dir-cross-dir"),
            "mv-fallback", new CellKey("renameat2-noreplace", "dir-cross-dir"),
            "exchange-swap", new CellKey("renameat2-exchange", "dir-onto-dir-same-dir"));

    private PatternShapes() {
    }

    /** The deciding call of a pattern cell, or null for an unknown pattern. */
    static CellKey of(String patternId) {
        return SHAPES.get(patternId);
    }

    /** The deciding call of a pattern or app cell; null for other cells and for tools nothing refused. */
    static CellKey of(Observation o) {
        if (CellKey.PATTERN.equals(o.operation())) {
            return of(o.scenario());
        }
        AppTrace t = o.app();
        if (CellKey.APP.equals(o.operation()) && t != null && t.shapeOperation() != null && t.shapeScenario() != null) {
            return new CellKey(t.shapeOperation(), t.shapeScenario());
        }
        return null;
    }
}
