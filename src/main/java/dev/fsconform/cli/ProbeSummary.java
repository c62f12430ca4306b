package dev.fsconform.cli;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A compact summary of one probe run: counts per outcome, the non-OK outcomes folded by operation and
 * scenario, then the graded summary and diagnosis from the shared verdict model.
 */
final class ProbeSummary {
    private static final int LISTED = 4;

    private ProbeSummary() {
    }

    static void print(EnvironmentResult r, PrintStream out) {
        Map<String, Long> byOutcome = r.cells().stream().filter(Observation::ran)
                .collect(Collectors.groupingBy(Observation::outcome, TreeMap::new, Collectors.counting()));
        long notRun = r.cells().stream().filter(o -> !o.ran()).count();
        out.printf("fsconform probe '%s' (kernel %s): %d cells in %d ms, %d not run%n", r.name(), r.fingerprint().kernel(),
                r.cells().size(), r.durationMillis(), notRun);
        out.println("  outcomes: " + byOutcome);
        byOutcome.keySet().stream().filter(o -> !"OK".equals(o)).forEach(outcome -> {
            List<Observation> cells = r.cells().stream().filter(Observation::ran)
                    .filter(o -> outcome.equals(o.outcome())).collect(Collectors.toList());
            out.printf("  %-34s ×%-4d %s on %s%n", outcome, cells.size(), fold(cells, Observation::operation),
                    fold(cells, Observation::scenario));
        });
        EnvironmentVerdict verdict = Verdicts.of(r);
        out.println();
        ConsoleSummary.print(List.of(verdict), out);
        out.println();
        out.println(verdict.diagnosis());
    }

    private static String fold(List<Observation> cells, java.util.function.Function<Observation, String> key) {
        TreeSet<String> names = cells.stream().map(key).collect(Collectors.toCollection(TreeSet::new));
        String shown = names.stream().limit(LISTED).collect(Collectors.joining(", "));
        return names.size() > LISTED ? shown + " (+" + (names.size() - LISTED) + ")" : shown;
    }
}
