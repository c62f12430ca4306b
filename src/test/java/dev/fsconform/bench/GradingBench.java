package dev.fsconform.bench;

import dev.fsconform.grade.Grade;
import dev.fsconform.grade.Grader;
import dev.fsconform.probe.Probe;
import dev.fsconform.probe.ProbeConfig;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What grading and cause attribution add to a probe run: the whole catalogue probed in DIR (with
 * SECOND as the cross-mount directory when given), then graded with a fresh Grader (table parse
 * included) and with the cached standard one, N times after one warm-up. The budget is 20 %.
 * Usage: GradingBench DIR [SECOND] [N]
 */
public final class GradingBench {
    private GradingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path second = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<Long> probe = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        long unknown = 0;
        double first = 0;
        for (int r = 0; r <= n; r++) {
            Path work = Files.createTempDirectory(dir, "bench-");
            Path work2 = second == null ? null : Files.createTempDirectory(second, "bench-");
            long t0 = System.nanoTime();
            EnvironmentResult env = new Probe(ProbeConfig.full(work, work2, null, "bench", Map.of())).run();
            long t1 = System.nanoTime();
            Verdicts.of(env, Grader.with(dev.fsconform.grade.Expectations.standard()));
            long t2 = System.nanoTime();
            EnvironmentVerdict v = Verdicts.of(env);
            long t3 = System.nanoTime();
            Files.delete(work);
            if (work2 != null) {
                Files.delete(work2);
            }
            if (r == 0) {
                first = (t2 - t1) / 1e6;
            } else {
                probe.add(t1 - t0);
                cold.add(t2 - t1);
                warm.add(t3 - t2);
                unknown += v.counts().get(Grade.UNKNOWN);
            }
        }
        double p = median(probe);
        System.out.printf("probe run                     median %8.1f ms  (n=%d, %s)%n", p, n, dir);
        System.out.printf("grading, fresh table + causes median %8.1f ms  = %5.1f %% of the probe%n", median(cold), 100 * median(cold) / p);
        System.out.printf("grading, cached table + causes median %7.1f ms  = %5.1f %% of the probe%n", median(warm), 100 * median(warm) / p);
        System.out.printf("first grading in this JVM (class loading, YAML parser) %.1f ms = %.1f %% of the probe%n", first, 100 * first / p);
        System.out.printf("UNKNOWN cells over all runs: %d%n", unknown);
        if (first > 0.2 * p) {
            System.out.println("OVER BUDGET: grading costs more than 20 % of a probe run");
            System.exit(1);
        }
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
