package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageDataTest {
    private static EnvironmentResult env(String name, String group, Observation... cells) {
        return new EnvironmentResult(name, group, null, EnvStatus.RAN, null, null, 1, List.of(cells));
    }

    private static PageData data(ResultsFile f) {
        List<EnvironmentVerdict> columns = Columns.order(FakeVerdicts.of(f));
        return PageDataBuilder.build(columns, Rows.of(columns));
    }

    private static String s(PageData d, int i) {
        return d.s().get(i);
    }

    @Test
    void rowsFollowTheCatalogueGroupedByOperationWithUnknownIdsLast() {
        // GIVEN cells out of order, one with an operation this version does not know
        ResultsFile f = ResultsFile.of("t", null, List.of(env("a", "host",
                Observation.notRun("future-op", "file-same-dir", CellStatus.SKIPPED, "x"),
                Observation.notRun("mv", "dir-cross-dir", CellStatus.SKIPPED, "x"),
                Observation.notRun("rename", "dir-cross-dir", CellStatus.SKIPPED, "x"),
                Observation.notRun("rename", "file-same-dir", CellStatus.SKIPPED, "x"))));
        // WHEN encoded
        PageData d = data(f);
        // THEN rows are rename's (catalogue order), then mv, then the unknown operation
        List<String> rows = d.r().stream().map(r -> s(d, r[0]) + " " + s(d, r[1])).toList();
        assertThat(rows).containsExactly("rename file-same-dir", "rename dir-cross-dir", "mv dir-cross-dir",
                "future-op file-same-dir");
        assertThat(d.r().get(3)[4]).as("no reproduction for an unknown operation").isZero();
    }

    @Test
    void columnsAreGroupedAndMissingCellsAreMinusOne() {
        // GIVEN environments of two groups, interleaved, one lacking a row
        Observation a = Observation.notRun("rename", "file-same-dir", CellStatus.SKIPPED, "x");
        Observation b = Observation.notRun("rename", "dir-same-dir", CellStatus.NOT_APPLICABLE, "y");
        ResultsFile f = ResultsFile.of("t", null, List.of(env("h1", "host", a, b), env("s1", "sandbox", a),
                env("h2", "host", a, b)));
        // WHEN encoded
        PageData d = data(f);
        // THEN columns are h1, h2, s1; s1 has no cell for the second row; identical cells are stored once
        assertThat(d.e().stream().map(e -> s(d, e[0])).toList()).containsExactly("h1", "h2", "s1");
        assertThat(d.g().get(2)[1]).isEqualTo(-1);
        assertThat(d.g().get(0)).containsExactly(d.g().get(1));
        assertThat(d.c()).hasSize(2);
        assertThat(d.s().get(0)).isNull();
    }

    @Test
    void hundredEnvironmentsOfFourHundredCellsEncodeCompactly() {
        // GIVEN the benchmark's size of matrix
        ResultsFile f = Synthetic.results(100, 400, 1);
        // WHEN encoded
        String json = ScriptJson.write(data(f));
        // THEN it is far below the page budget of 5 MB
        assertThat(json.length()).isLessThan(2_000_000);
    }
}
