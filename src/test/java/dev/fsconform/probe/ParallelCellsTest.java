package dev.fsconform.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsconform.result.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cells on worker threads: the same observations, in catalogue order, as one thread gives. */
class ParallelCellsTest {
    @TempDir
    Path dir;

    @Test
    void fourWorkersObserveWhatOneDoesInTheSameOrder() throws Exception {
        List<Observation> one = run(Files.createDirectory(dir.resolve("one")), 1, new ArrayList<>());
        List<Observation> heard = new ArrayList<>();
        List<Observation> four = run(Files.createDirectory(dir.resolve("four")), 4, heard);

        assertThat(four).hasSameSizeAs(one).hasSizeGreaterThan(100);
        assertThat(heard).as("the listener hears the cells in catalogue order").isEqualTo(four);
        for (int i = 0; i < one.size(); i++) {
            assertThat(withoutTimeAndPaths(four.get(i))).as("cell %d", i).isEqualTo(withoutTimeAndPaths(one.get(i)));
        }
        try (Stream<Path> left = Files.list(dir.resolve("four"))) {
            assertThat(left).as("no scratch left behind").isEmpty();
        }
    }

    @Test
    void aStopFromTheListenerEndsTheRunAndLeavesNothing() throws Exception {
        Path d = Files.createDirectory(dir.resolve("stop"));
        int[] heard = new int[1];
        assertThatThrownBy(() -> new Probe(ProbeConfig.full(d, null, null, "t", Map.of()), 3).run((cell, nanos) -> {
            if (++heard[0] == 20) {
                throw new IllegalStateException("enough");
            }
        })).hasMessage("enough");
        try (Stream<Path> left = Files.list(d)) {
            assertThat(left).as("workers stopped before the scratch directory went").isEmpty();
        }
    }

    @Test
    void zeroWorkersIsRefused() {
        assertThatThrownBy(() -> new Probe(ProbeConfig.full(dir, null, null, "t", Map.of()), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Observation> run(Path d, int jobs, List<Observation> heard) throws Exception {
        return new Probe(ProbeConfig.full(d, null, null, "t", Map.of()), jobs).run((cell, nanos) -> heard.add(cell)).cells();
    }

    /** Durations differ; so does the scratch directory's name inside a detail or path. */
    private static String withoutTimeAndPaths(Observation o) {
        return new Observation(o.operation(), o.scenario(), o.status(), o.reason(), o.outcome(), o.errno(), o.errnoName(),
                o.exception(), o.detail(), o.postState(), o.where(), o.durationMicros() == null ? null : 0.0).toString()
                .replaceAll("\\.fsconform-scratch-[0-9.]+-[0-9]+", "SCRATCH").replaceAll("/(one|four)/", "/X/")
                .replaceAll("\\.tmp[0-9]+", ".tmpN");
    }
}
