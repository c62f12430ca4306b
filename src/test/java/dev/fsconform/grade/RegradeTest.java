package dev.fsconform.grade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.testsupport.Recorded;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grades are derived at read time: a stored results file re-grades when the table changes. */
class RegradeTest {

    @Test
    void aStoredResultsFileIsRegradedAfterATableChange(@TempDir Path tmp) throws IOException {
        // GIVEN a results file written by an earlier run (stored observations only, no grades)
        Path stored = tmp.resolve("old-run.json");
        ResultsJson.write(Recorded.file("landlock-no-refer"), stored);
        assertThat(Files.readString(stored)).as("the results file stores no grade").doesNotContain("SURPRISING", "\"grade\"");
        ResultsFile file = ResultsJson.read(stored);
        EnvironmentResult env = file.environments().get(0);
        Observation uv = Recorded.cell(env, "rename", "dir-cross-dir");

        // WHEN it is graded with an older table that lacks the same-mount EXDEV row, then with the current table
        Grader older = Grader.with(withoutRow("same-mount-exdev"));
        GradedCell before = older.grade(env, uv);
        GradedCell after = Grader.standard().grade(env, uv);

        // THEN the old table leaves the cell UNKNOWN and the new table grades the same stored cell
        assertThat(before.grade()).as("with the older table (%s)", before.rationale()).isEqualTo(Grade.UNKNOWN);
        assertThat(before.rationale()).startsWith("missing expectation");
        assertThat(after.grade()).as("with the current table").isEqualTo(Grade.SURPRISING);
        assertThat(after.rowId()).isEqualTo("same-mount-exdev");
        assertThat(after.causes()).extracting(c -> c.id()).containsExactly("landlock-refer");
    }

    /** The standard table's text with one row removed: what an older fsconform shipped. */
    private static Expectations withoutRow(String id) throws IOException {
        String yaml;
        try (InputStream in = Expectations.class.getResourceAsStream(Expectations.STANDARD)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = yaml.indexOf("  - id: " + id + "\n");
        int end = yaml.indexOf("  - id: ", start + 1);
        assertThat(start).as("row %s in the standard table", id).isPositive();
        String older = yaml.substring(0, start) + yaml.substring(end);
        return Expectations.load(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8)), "older.yaml");
    }
}
