package dev.fsconform.probe;

import dev.fsconform.verdict.CellLabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.grade.Grade;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Fixture;
import dev.fsconform.scenario.Scenario;
import dev.fsconform.verdict.Verdicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seeded fixture serves one run: a second probe over the same seed tree skips it instead of measuring leftovers. */
class SeedReuseTest {
    @TempDir
    Path dir;

    @Test
    void aSecondProbeOverOneSeedTreeSkipsEveryUsedFixtureAndGradesNothingUnknown() throws Exception {
        // GIVEN a seed tree that one probe has already used
        Seeds.write(dir);
        Path seeds = dir.resolve(Seeds.DIR_NAME);
        EnvironmentResult first = new Probe(ProbeConfig.full(dir, null, seeds, "first", Map.of())).run();
        List<Observation> seededFirst = seeded(first);
        assertThat(seededFirst).as("seeded cells of the first run").isNotEmpty().allMatch(Observation::ran);

        // WHEN a second probe runs over the same tree
        EnvironmentResult second = new Probe(ProbeConfig.full(dir, null, seeds, "second", Map.of())).run();

        // THEN each fixture is skipped as used, or was left unchanged by the first run and measures the same
        assertThat(seeded(second)).allSatisfy(o -> {
            Observation before = seededFirst.stream().filter(b -> b.cell().equals(o.cell())).findFirst().orElseThrow();
            if (o.status() == CellStatus.SKIPPED) {
                assertThat(o.reason()).isEqualTo(Seeds.USED);
            } else {
                assertThat(o.outcome()).as(CellLabel.of(o) + " ran again").isEqualTo(before.outcome());
            }
        }).anyMatch(o -> o.status() == CellStatus.SKIPPED);
        assertThat(Verdicts.of(second).counts().get(Grade.UNKNOWN)).isZero();
    }

    @Test
    void aFixtureIsAsCreatedOnlyUntilSomethingTouchesIt() throws Exception {
        // GIVEN a seeded file-onto-file fixture, as the seed tree writes it
        Scenario s = Catalogue.scenarios().stream().filter(x -> x.seeded() && x.target() != null).findFirst().orElseThrow();
        Path cell = Files.createDirectory(dir.resolve("cell"));
        Fixture f;
        try (CellDirs dirs = CellDirs.existing(cell)) {
            f = Fixture.create(s, cell, null, "tag", dirs);
        }
        assertThat(asSeeded(s, "tag", f)).isTrue();

        // WHEN source and target swap data (what RENAME_EXCHANGE leaves), THEN it is no longer as created
        Path tmp = dir.resolve("swap");
        Files.move(f.source(), tmp);
        Files.move(f.target(), f.source());
        Files.move(tmp, f.target());
        assertThat(asSeeded(s, "tag", f)).isFalse();
        assertThat(asSeeded(s, "another tag", f)).isFalse();
    }

    private static boolean asSeeded(Scenario s, String tag, Fixture f) {
        return Probe.asSeeded(s, tag, Node.read(Place.of(f.source())), Node.read(Place.of(f.target())));
    }

    /** The seeded cells that apply (hard links to directories never do). */
    private static List<Observation> seeded(EnvironmentResult r) {
        return r.cells().stream().filter(o -> o.status() != CellStatus.NOT_APPLICABLE)
                .filter(o -> Catalogue.byId(o.scenario()).map(Scenario::seeded).orElse(false)).toList();
    }
}
