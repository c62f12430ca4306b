package dev.fsconform.bench;

import dev.fsconform.probe.Probe;
import dev.fsconform.probe.ProbeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * In-process cost of one cell (fixture, snapshots, call, post-state check) on a directory, after
 * warm-up. Usage: ProbeBench DIR [ROUNDS]. Prints median and p90 per cell, mv cells apart (they
 * start a process each).
 */
public final class ProbeBench {
    private ProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Long> native_ = new ArrayList<>();
        List<Long> mv = new ArrayList<>();
        for (int r = 0; r < rounds + 3; r++) {
            boolean warm = r >= 3;
            Path work = Files.createTempDirectory(dir, "bench-");
            new Probe(ProbeConfig.full(work, null, null, "bench", Map.of())).run((cell, nanos) -> {
                if (warm && cell.ran()) {
                    (cell.operation().equals("mv") ? mv : native_).add(nanos);
                }
            });
            Files.delete(work);
        }
        report("cells without mv", native_);
        report("mv cells", mv);
    }

    private static void report(String what, List<Long> nanos) {
        Collections.sort(nanos);
        System.out.printf("%-18s n=%-6d median %7.1f µs   p90 %7.1f µs%n", what, nanos.size(),
                nanos.get(nanos.size() / 2) / 1000.0, nanos.get(nanos.size() * 9 / 10) / 1000.0);
    }
}
