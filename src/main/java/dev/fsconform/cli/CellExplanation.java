package dev.fsconform.cli;

import dev.fsconform.verdict.CellLabel;
import dev.fsconform.result.CellKey;
import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Signals;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.io.PrintStream;

/** One graded cell in full: what a bug report quotes when a single call is in question. */
final class CellExplanation {
    private CellExplanation() {
    }

    /** Reads {@code OP:SCENARIO} (e.g. {@code rename:dir-cross-dir}) before anything is printed. */
    static CellKey parse(String text) {
        try {
            return CellKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--explain: " + e.getMessage());
        }
    }

    static void print(EnvironmentVerdict v, CellKey key, PrintStream out) {
        GradedCell c = v.cells().stream().filter(x -> x.observation().cell().equals(key)).findFirst().orElse(null);
        out.println();
        if (c == null) {
            out.printf("%s: no cell %s%n", v.env().name(), CellLabel.of(key));
            return;
        }
        out.printf("%s: %s → %s%n", v.env().name(), CellLabel.of(key), Signals.outcome(c.observation()));
        out.printf("  grade      %s%s%n", c.graded() ? c.grade() : "not graded (" + c.harnessStatus() + ")",
                c.rowId() == null ? "" : " (row " + c.rowId() + ")");
        out.printf("  rationale  %s%n", c.rationale());
        if (c.reference() != null) {
            out.printf("  reference  %s%n", c.reference());
        }
        for (Cause cause : c.causes()) {
            out.printf("  cause      %s: %s%n", cause.id(), cause.title());
            cause.evidence().forEach(e -> out.printf("    - %s%n", e));
            out.printf("    fix: %s%n", cause.fix());
        }
    }
}
