package dev.fsconform.bench;

import dev.fsconform.operation.Operation;
import dev.fsconform.probe.Probe;
import dev.fsconform.probe.ProbeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * In-process cost of one cell (fixture, snapshots, call, post-state check) on a directory, after
 * warm-up. Usage: ProbeBench DIR [ROUNDS [JOBS]]. Prints median and p90 per cell, mv cells apart (they
 * start a process each). With JOBS worker threads a cell's time is its latency under that much
 * concurrency; the throughput line is a round's wall time over its cells.
 */
public final class ProbeBench {
    private ProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<Long> roundWall = new ArrayList<>();
        int[] perRound = new int[1];
        List<Long> native_ = new ArrayList<>();
        List<Long> mv = new ArrayList<>();
        for (int r = 0; r < rounds + 3; r++) {
            boolean warm = r >= 3;
            Path work = Files.createTempDirectory(dir, "bench-");
            perRound[0] = 0;
            long t0 = System.nanoTime();
            new Probe(ProbeConfig.full(work, null, null, "bench", Map.of()), jobs).run((cell, nanos) -> {
                perRound[0]++;
                if (warm && cell.ran()) {
                    (cell.operation().equals("mv") ? mv : native_).add(nanos);
                }
            });
            if (warm) {
                roundWall.add((System.nanoTime() - t0) / perRound[0]);
            }
            Files.delete(work);
        }
        report("cells without mv", native_);
        report("mv cells", mv);
        report("round wall / cells", roundWall);
        // Throughput of the cells without mv alone: the same rounds with mv and the patterns left out.
        List<Long> nativeWall = new ArrayList<>();
        List<Operation> ops = Arrays.stream(Operation.values()).filter(o -> o != Operation.MV).toList();
        for (int r = 0; r < rounds + 3; r++) {
            Path work = Files.createTempDirectory(dir, "bench-");
            ProbeConfig all = ProbeConfig.full(work, null, null, "bench", Map.of());
            ProbeConfig config = new ProbeConfig(work, null, all.seeds(), "bench", Map.of(), ops, all.scenarios(), List.of());
            perRound[0] = 0;
            long t0 = System.nanoTime();
            new Probe(config, jobs).run((cell, nanos) -> {
                if (cell.ran()) {
                    perRound[0]++;
                }
            });
            if (r >= 3) {
                nativeWall.add((System.nanoTime() - t0) / perRound[0]);
            }
            Files.delete(work);
        }
        report("no-mv wall / cells", nativeWall);
        System.out.println("jobs " + jobs + ": the first two lines are latency per cell; 'round wall / cells' includes mv cells,"
                + " patterns and scratch set-up and removal; 'no-mv wall / cells' is a round of the cells without mv"
                + " (scratch set-up and removal included) over the cells that ran: throughput");
    }

    private static void report(String what, List<Long> nanos) {
        Collections.sort(nanos);
        System.out.printf("%-18s n=%-6d median %7.1f µs   p90 %7.1f µs%n", what, nanos.size(),
                nanos.get(nanos.size() / 2) / 1000.0, nanos.get(nanos.size() * 9 / 10) / 1000.0);
    }
}
