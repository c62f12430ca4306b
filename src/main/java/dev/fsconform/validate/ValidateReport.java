package dev.fsconform.validate;

import dev.fsconform.result.CellKey;
import dev.fsconform.cause.Cause;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Tools;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What `validate` prints besides the shared console summary: patterns, baseline diff, profile. */
final class ValidateReport {
    private ValidateReport() {
    }

    /** First of all, the real tools: which work, which work by a fallback, which fail and why. */
    static void tools(List<EnvironmentVerdict> verdicts, PrintStream out) {
        for (EnvironmentVerdict v : verdicts) {
            String s = Tools.sentence(v);
            if (!s.isEmpty()) {
                out.println("Under this sandbox (" + v.env().name() + "): " + s + ".");
            }
        }
    }

    static void patterns(List<EnvironmentVerdict> verdicts, PrintStream out) {
        for (EnvironmentVerdict v : verdicts) {
            List<GradedCell> patterns = v.cells().stream()
                    .filter(c -> CellKey.PATTERN.equals(c.observation().operation())).collect(Collectors.toList());
            if (patterns.isEmpty()) {
                continue;
            }
            out.println("Application patterns in " + v.env().name() + ":");
            for (GradedCell c : patterns) {
                Observation o = c.observation();
                String result = o.ran() ? o.outcome() : o.status() + " (" + o.reason() + ")";
                String why = o.ran() && !"OK".equals(o.outcome())
                        ? "  " + o.postState().source().replaceFirst("^failed: ", "") + causes(c.causes()) : "";
                out.printf("  %-28s %-12s%s%s%n", o.scenario(), result, why,
                        Profile.failedAcrossMounts(c) ? "  (spans two --dir on separate mounts: judged apart)" : "");
            }
        }
    }

    private static String causes(List<Cause> causes) {
        return causes == null || causes.isEmpty() ? ""
                : "  cause: " + causes.stream().map(Cause::id).collect(Collectors.joining(" + "));
    }

    /**
     * Cells whose outcome differs between the baseline (outside) and the sandbox, matched by directory
     * and cell, folded by transition ("OK → EXDEV ×60: rename, link … on file-cross-dir, …").
     */
    static int baselineDiff(List<EnvironmentResult> outside, List<EnvironmentResult> inside, PrintStream out) {
        Map<String, List<Observation>> byTransition = new TreeMap<>();
        for (int i = 0; i < Math.min(outside.size(), inside.size()); i++) {
            Map<CellKey, Observation> before = outside.get(i).cells().stream()
                    .collect(Collectors.toMap(Observation::cell, Function.identity(), (a, b) -> a));
            for (Observation after : inside.get(i).cells()) {
                Observation was = before.get(after.cell());
                if (was != null && !Objects.equals(label(was), label(after))) {
                    byTransition.computeIfAbsent(label(was) + " → " + label(after), k -> new ArrayList<>()).add(after);
                }
            }
        }
        int differing = byTransition.values().stream().mapToInt(List::size).sum();
        if (differing == 0) {
            out.println("Baseline diff: no cell differs from outside the sandbox.");
            return 0;
        }
        out.println("Baseline diff (outside the sandbox → inside), " + differing + " cells:");
        byTransition.forEach((transition, cells) -> out.printf("  %-44s ×%-4d %s on %s%n", transition, cells.size(),
                fold(cells, Observation::operation), fold(cells, Observation::scenario)));
        return differing;
    }

    private static String fold(List<Observation> cells, Function<Observation, String> key) {
        TreeSet<String> names = cells.stream().map(key).collect(Collectors.toCollection(TreeSet::new));
        String shown = names.stream().limit(4).collect(Collectors.joining(", "));
        return names.size() > 4 ? shown + " (+" + (names.size() - 4) + ")" : shown;
    }

    private static String label(Observation o) {
        return o.ran() ? o.outcome() : o.status().name();
    }
}
