package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergeTest {
    private static EnvironmentResult env(String name, long seed) {
        return Synthetic.environment(name, "host", 3, new Random(seed));
    }

    private static Input input(String origin, String generatedAt, EnvironmentResult... envs) {
        return new Input(origin, ResultsFile.of("fsconform test", generatedAt, List.of(envs)));
    }

    private static List<String> names(ResultsFile f) {
        return f.environments().stream().map(EnvironmentResult::name).toList();
    }

    @Test
    void sameNameFromAnotherMachineIsQualifiedByHostAndKernelNotOverwritten() {
        // GIVEN two files from different machines, both calling their environment "tmp"
        EnvironmentResult a = env("tmp", 1);
        EnvironmentResult b = env("tmp", 2);
        // WHEN they are merged
        ResultsFile merged = Merge.of(List.of(input("a.json", "2026-01-01T00:00:00Z", a),
                input("b.json", "2026-01-02T00:00:00Z", b)), "fsconform x");
        // THEN both are kept, the second told apart by where it ran, cells untouched
        assertThat(names(merged)).containsExactly("tmp",
                "tmp@" + b.fingerprint().hostname() + "/" + b.fingerprint().kernel());
        assertThat(merged.environments().get(1).cells()).isEqualTo(b.cells());
        assertThat(merged.environments().get(1).fingerprint()).isEqualTo(b.fingerprint());
    }

    @Test
    void sameEnvironmentTwiceInOneFileIsKeptOnce() {
        // GIVEN one file that lists the same environment (name and fingerprint) twice
        EnvironmentResult a = env("tmp", 1);
        // WHEN it is merged
        ResultsFile merged = Merge.of(List.of(input("a.json", null, a, a)), "fsconform x");
        // THEN it appears once
        assertThat(names(merged)).containsExactly("tmp");
    }

    @Test
    void sameEnvironmentInTwoFilesIsTwoRunsAndBothAreKept() {
        // GIVEN the same machine's run stored in two files
        EnvironmentResult a = env("tmp", 1);
        // WHEN merged with a third copy
        ResultsFile merged = Merge.of(List.of(input("a.json", null, a), input("b.json", null, a),
                input("c.json", null, a)), "fsconform x");
        // THEN none is dropped: the later ones are numbered
        String q = "tmp@" + a.fingerprint().hostname() + "/" + a.fingerprint().kernel();
        assertThat(names(merged)).containsExactly("tmp", q, q + "#2");
    }

    @Test
    void environmentsThatDidNotRunHaveNoFingerprintAndAreNumbered() {
        // GIVEN two skipped environments with one name from two files
        EnvironmentResult skipped = EnvironmentResult.notRun("gvisor", "containers", "runsc", EnvStatus.SKIPPED, "no runsc", 0);
        // WHEN merged
        ResultsFile merged = Merge.of(List.of(input("a.json", null, skipped), input("b.json", null, skipped)), "t");
        // THEN both are there
        assertThat(names(merged)).containsExactly("gvisor", "gvisor#2");
    }

    @Test
    void mergedFileCarriesTheNewestRunTimeAndTheCurrentSchema() {
        // GIVEN files generated at different times
        // WHEN merged
        ResultsFile merged = Merge.of(List.of(input("a.json", "2026-03-01T00:00:00Z", env("a", 1)),
                input("b.json", "2026-05-01T00:00:00Z", env("b", 2)), input("c.json", null, env("c", 3))), "fsconform 9");
        // THEN the newest time, this tool, and the current schema version
        assertThat(merged.generatedAt()).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(merged.tool()).isEqualTo("fsconform 9");
        assertThat(merged.schema()).isEqualTo(ResultsFile.SCHEMA);
        assertThat(merged.schemaVersion()).isEqualTo(ResultsFile.VERSION);
        assertThat(names(merged)).containsExactly("a", "b", "c");
    }
}
