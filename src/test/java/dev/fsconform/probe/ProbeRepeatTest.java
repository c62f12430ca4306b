package dev.fsconform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvironmentResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe run again and again in one JVM and one directory (as the JUnit library and long-lived
 * drivers run it) leaks nothing: file descriptors, threads, files in its directory or the temp
 * directory, mounts, heap after GC; and gives the same outcome in every cell each time. verify runs it
 * {@code fsconform.repeat.runs} times (default 5); bench/repeat-probe.sh runs it 100 times and prints
 * the figures, with the gauges after every tenth of the runs to show a trend a first/last pair hides.
 */
class ProbeRepeatTest {
    static final int RUNS = Integer.getInteger("fsconform.repeat.runs", 5);
    /** Heap after GC may move by JIT and class data; a leak of even 1 KB a cell is 600 KB a run. */
    static final long HEAP_SLACK = 8L << 20;

    @TempDir
    Path dir;

    record Gauge(long fds, int threads, long heap, List<String> temp, long mounts, long mountsBelow) {
        static Gauge now(Path dir) throws IOException {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            List<String> temp;
            try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                // Other processes on the machine make fsconform-* entries too: this JVM's carry its pid
                // (scratch directories) or are hidden .fsconform-* temporaries.
                String pid = Long.toString(ProcessHandle.current().pid());
                temp = s.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(".fsconform") || n.startsWith("fsconform") && n.contains(pid)).sorted().toList();
            }
            // The namespace's mount count moves with other processes (a concurrent host lab), so it is only
            // shown; a mount left at or below the probe's directory can only be the probe's.
            List<String> points;
            try (Stream<String> s = Files.lines(Path.of("/proc/self/mountinfo"))) {
                points = s.map(l -> l.split(" ")[4]).toList();
            }
            long below = points.stream().filter(m -> m.equals(dir.toString()) || m.startsWith(dir + "/")).count();
            return new Gauge(fds, Thread.activeCount(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), temp,
                    points.size(), below);
        }

        String line() {
            return String.format("fds %d, threads %d, heap after GC %.1f MiB, temp %s, mounts %d (%d at or below the directory)",
                    fds, threads, heap / 1048576.0, temp, mounts, mountsBelow);
        }
    }

    @Test
    void runningTheProbeAgainAndAgainLeaksNothingAndAnswersTheSame() throws IOException {
        // GIVEN one warm-up run (classes, JIT, the native layer) and the gauges after it
        List<String> first = outcomes(probe());
        Gauge before = Gauge.now(dir);
        System.out.printf("probe x%d: after run 1: %s%n", RUNS, before.line());

        // WHEN the probe runs RUNS more times in the same directory
        for (int i = 0; i < RUNS; i++) {
            assertThat(outcomes(probe())).as("outcomes of run %d", i + 2).isEqualTo(first);
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).as("left in the probe's directory after run %d", i + 2).isEmpty();
            }
            if (RUNS >= 20 && (i + 1) % (RUNS / 10) == 0) {
                System.out.printf("probe x%d: after run %d: %s%n", RUNS, i + 2, Gauge.now(dir).line());
            }
        }
        Gauge after = Gauge.now(dir);
        System.out.printf("probe x%d: fds %d -> %d, threads %d -> %d, heap after GC %.1f -> %.1f MiB, temp %s -> %s,"
                        + " mounts at or below the directory %d -> %d%n",
                RUNS, before.fds(), after.fds(), before.threads(), after.threads(), before.heap() / 1048576.0,
                after.heap() / 1048576.0, before.temp(), after.temp(), before.mountsBelow(), after.mountsBelow());

        // THEN no descriptor, thread, temp file or mount more, and the heap did not grow with the runs
        assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(before.fds());
        assertThat(after.threads()).as("live threads").isLessThanOrEqualTo(before.threads());
        assertThat(after.temp()).as("fsconform entries in the temp directory").isSubsetOf(before.temp());
        assertThat(after.mountsBelow()).as("mounts at or below the probe's directory").isZero();
        assertThat(after.heap()).as("heap after GC").isLessThan(before.heap() + HEAP_SLACK);
    }

    private EnvironmentResult probe() throws IOException {
        return new Probe(ProbeConfig.full(dir, null, null, "repeat", Map.of())).run();
    }

    private static List<String> outcomes(EnvironmentResult r) {
        return r.cells().stream().map(o -> o.cell() + " " + o.status() + " " + o.outcome() + " " + o.errnoName()).toList();
    }
}
