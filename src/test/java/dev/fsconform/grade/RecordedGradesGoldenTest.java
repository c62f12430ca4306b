package dev.fsconform.grade;

import dev.fsconform.verdict.CellLabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.cause.Cause;
import dev.fsconform.testsupport.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Every recorded environment re-grades exactly as it did when the golden file was last written: grade,
 * deciding row and causes of every graded cell. A refactoring must leave it untouched; a deliberate
 * change to the table or the cause rules regenerates it with {@code -Dfsconform.golden.update=true},
 * and the failure message lists the cells it moved.
 */
class RecordedGradesGoldenTest {
    private static final String GOLDEN = "recorded-grades.txt.gz";

    static List<String> grades() {
        List<String> out = new ArrayList<>();
        for (String name : Recorded.NAMES) {
            for (GradedCell c : Grader.standard().gradeAll(Recorded.env(name))) {
                if (c.graded()) { // cells that did not run keep their recorded status: grading never touches them
                    out.add(name + " | " + CellLabel.of(c.observation()) + " | " + c.grade() + " | " + c.rowId() + " | "
                            + c.causes().stream().map(Cause::id).collect(Collectors.joining(",")));
                }
            }
        }
        return out;
    }

    @Test
    void recordedEnvironmentsRegradeIdentically() throws IOException {
        // GIVEN the recorded environments  WHEN graded with today's table and rules
        List<String> now = grades();
        if (Boolean.getBoolean("fsconform.golden.update")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(
                    Path.of("src/test/resources/dev/fsconform/grade/" + GOLDEN)))) {
                o.write((String.join("\n", now) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        // THEN every graded cell has the grade, row and causes it had when the golden file was written
        List<String> golden;
        try (InputStream in = RecordedGradesGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("golden file %s (write it with -Dfsconform.golden.update=true)", GOLDEN).isNotNull();
            golden = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        Set<String> nowSet = Set.copyOf(now);
        Set<String> goldenSet = Set.copyOf(golden);
        List<String> gone = golden.stream().filter(l -> !nowSet.contains(l)).limit(20).toList();
        List<String> added = now.stream().filter(l -> !goldenSet.contains(l)).limit(20).toList();
        assertThat(gone).as("graded cells that changed (now: %s)", added).isEmpty();
        assertThat(now).as("graded cells, in order").isEqualTo(golden);
    }
}
