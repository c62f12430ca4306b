package dev.fsconform.validate;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What `validate` prints besides the shared console summary: patterns, baseline diff, profile. */
final class ValidateReport {
    private ValidateReport() {
    }

    static void patterns(List<EnvironmentVerdict> verdicts, PrintStream out) {
        for (EnvironmentVerdict v : verdicts) {
            List<GradedCell> patterns = v.cells().stream()
                    .filter(c -> "pattern".equals(c.observation().operation())).collect(Collectors.toList());
            if (patterns.isEmpty()) {
                continue;
            }
            out.println("Application patterns in " + v.env().name() + ":");
            for (GradedCell c : patterns) {
                Observation o = c.observation();
                String result = o.ran() ? o.outcome() : o.status() + " (" + o.reason() + ")";
                String why = o.ran() && !"OK".equals(o.outcome())
                        ? "  " + o.postState().source().replaceFirst("^failed: ", "") + causes(c.causes()) : "";
                out.printf("  %-28s %-12s%s%n", o.scenario(), result, why);
            }
        }
    }

    private static String causes(List<Cause> causes) {
        return causes == null || causes.isEmpty() ? ""
                : "  cause: " + causes.stream().map(Cause::id).collect(Collectors.joining(" + "));
    }

    /** Cells whose outcome differs between the baseline (outside) and the sandbox, matched by dir and cell. */
    static int baselineDiff(List<EnvironmentResult> outside, List<EnvironmentResult> inside, PrintStream out) {
        int differing = 0;
        for (int i = 0; i < Math.min(outside.size(), inside.size()); i++) {
            Map<String, Observation> before = outside.get(i).cells().stream()
                    .collect(Collectors.toMap(Observation::key, Function.identity(), (a, b) -> a));
            for (Observation after : inside.get(i).cells()) {
                Observation was = before.get(after.key());
                if (was != null && !Objects.equals(label(was), label(after))) {
                    if (differing++ == 0) {
                        out.println("Baseline diff (outside the sandbox → inside):");
                    }
                    out.printf("  %-52s %s → %s%n", after.key() + " @ " + inside.get(i).name(), label(was), label(after));
                }
            }
        }
        out.println(differing == 0 ? "Baseline diff: no cell differs from outside the sandbox." : "  (" + differing + " cells differ)");
        return differing;
    }

    private static String label(Observation o) {
        return o.ran() ? o.outcome() : o.status().name();
    }
}
