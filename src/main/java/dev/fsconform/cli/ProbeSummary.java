package dev.fsconform.cli;

import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A compact summary of one probe run: counts per outcome and the cells that did not succeed. */
final class ProbeSummary {
    private ProbeSummary() {
    }

    static void print(EnvironmentResult r, PrintStream out) {
        Map<CellStatus, Long> byStatus = r.cells().stream()
                .collect(Collectors.groupingBy(Observation::status, TreeMap::new, Collectors.counting()));
        Map<String, Long> byOutcome = r.cells().stream().filter(Observation::ran)
                .collect(Collectors.groupingBy(Observation::outcome, TreeMap::new, Collectors.counting()));
        out.printf("fsconform probe '%s' on %s (kernel %s): %d cells in %d ms%n", r.name(),
                r.fingerprint().mounts().get(0).fsType(), r.fingerprint().kernel(), r.cells().size(), r.durationMillis());
        out.println("  status:   " + byStatus);
        out.println("  outcomes: " + byOutcome);
        r.cells().stream().filter(Observation::ran).filter(o -> !"OK".equals(o.outcome()))
                .forEach(o -> out.printf("  %-22s %-32s %s%s%n", o.operation(), o.scenario(), o.outcome(),
                        o.postState().consistent() ? "" : "  (" + String.join("; ", o.postState().problems()) + ")"));
    }
}
