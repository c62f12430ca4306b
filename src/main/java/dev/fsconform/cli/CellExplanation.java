package dev.fsconform.cli;

import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Signals;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.io.PrintStream;

/** One graded cell in full: what a bug report quotes when a single call is in question. */
final class CellExplanation {
    private CellExplanation() {
    }

    /** Refuses a malformed {@code OP:SCENARIO} before anything is printed. */
    static void check(String key) {
        if (key.indexOf(':') <= 0 || key.indexOf(':') == key.length() - 1) {
            throw new UsageException("--explain wants OP:SCENARIO (e.g. rename:dir-cross-dir), got '" + key + "'");
        }
    }

    /** {@code key} is {@code OP:SCENARIO}, e.g. {@code rename:dir-cross-dir}. */
    static void print(EnvironmentVerdict v, String key, PrintStream out) {
        check(key);
        int colon = key.indexOf(':');
        String op = key.substring(0, colon);
        String scenario = key.substring(colon + 1);
        GradedCell c = v.cells().stream().filter(x -> x.observation().operation().equals(op)
                && x.observation().scenario().equals(scenario)).findFirst().orElse(null);
        out.println();
        if (c == null) {
            out.printf("%s: no cell %s × %s%n", v.env().name(), op, scenario);
            return;
        }
        out.printf("%s: %s → %s%n", v.env().name(), c.observation().key(), Signals.outcome(c.observation()));
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
