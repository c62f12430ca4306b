package dev.fsconform.cause;

import java.util.Map;

/**
 * The single call that decides each application pattern, as an operation × scenario of the catalogue,
 * so a pattern cell gets the same differential controls as the cell it reduces to.
 */
final class PatternShapes {
    static final String OPERATION = "pattern";

    record Shape(String op, String scenario) {
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            "uv-cache-persist", new Shape("rename", "dir-cross-dir"),
            "tempfile-noclobber-publish", new Shape("renameat2-noreplace", "file-cross-dir"),
            "tempdir-child-to-parent", new Shape("rename", "file-cross-dir"),
            "atomic-replace-same-dir", new Shape("rename", "file-onto-file-same-dir"),
            "staging-to-cas", new Shape("rename", "file-cross-dir"),
            "hardlink-publish", new Shape("link", "file-cross-dir"),
            "image-layer-dir-move", new Shape("rename", "seeded-dir-cross-dir"),
            "mv-fallback", new Shape("renameat2-noreplace", "dir-cross-dir"),
            "exchange-swap", new Shape("renameat2-exchange", "dir-onto-dir-same-dir"));

    private PatternShapes() {
    }

    /** The deciding call of a pattern cell, or null for an unknown pattern. */
    static Shape of(String patternId) {
        return SHAPES.get(patternId);
    }
}
