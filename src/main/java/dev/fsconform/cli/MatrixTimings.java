package dev.fsconform.cli;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.PhaseTimings;
import java.io.PrintStream;
import java.util.List;

/** The per-environment phase table of `matrix --timings`, for benchmarks (bench/host-matrix.sh). */
final class MatrixTimings {
    private MatrixTimings() {
    }

    static void print(List<EnvironmentResult> results, long wallMillis, int jobs, PrintStream out) {
        String row = "  %-40s %-11s %8s %8s %9s %8s%n";
        out.printf(row, "environment", "status", "set-up", "probe", "teardown", "total");
        long setup = 0;
        long probe = 0;
        long teardown = 0;
        for (EnvironmentResult r : results) {
            PhaseTimings t = r.phases() == null ? PhaseTimings.NONE : r.phases();
            out.printf(row, r.name(), r.status(), t.setupMillis(), t.probeMillis(), t.teardownMillis(), t.totalMillis());
            setup += t.setupMillis();
            probe += t.probeMillis();
            teardown += t.teardownMillis();
        }
        out.printf(row, "sum (ms)", "", setup, probe, teardown, setup + probe + teardown);
        out.printf("  wall %.1f s with %d job(s); environments' phases add up to %.1f s%n", wallMillis / 1000.0, jobs,
                (setup + probe + teardown) / 1000.0);
    }
}
