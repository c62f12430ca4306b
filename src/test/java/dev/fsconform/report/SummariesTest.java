package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.ResultsFile;
import org.junit.jupiter.api.Test;

class SummariesTest {
    @Test
    void findingsAreProblemsWorstFirstWithTheCellsAndEnvironmentsTheyHit() {
        // GIVEN synthetic environments with forbidden (WRONG_STATE) and surprising (EXDEV on one mount) cells
        ResultsFile f = Synthetic.results(6, 200, 3);
        // WHEN summarised
        PageView.Summary s = Summaries.of(FakeVerdicts.of(f));
        // THEN forbidden problems come before surprising ones, each counted over all environments
        assertThat(s.findings()).isNotEmpty();
        assertThat(s.findings().get(0).grade()).isEqualTo("FORBIDDEN");
        assertThat(s.findings().get(0).outcome()).isEqualTo("WRONG_STATE");
        assertThat(s.findings()).extracting(PageView.Finding::grade).containsSubsequence("FORBIDDEN", "SURPRISING");
        PageView.Finding exdev = s.findings().stream().filter(x -> "EXDEV".equals(x.outcome())).findFirst().orElseThrow();
        assertThat(exdev.causes()).isEqualTo(FakeVerdicts.BOUNDARY.title());
        assertThat(exdev.cells()).isGreaterThan(exdev.environments());
        assertThat(s.environments()).isEqualTo(6);
        assertThat(s.cells()).isEqualTo(1200);
        assertThat(s.grades()).extracting(PageView.Count::label)
                .containsExactly("EXPECTED", "ACCEPTABLE", "SURPRISING", "UNKNOWN", "FORBIDDEN");
    }

    @Test
    void noFindingsIsSaid() {
        PageView.Summary s = Summaries.of(FakeVerdicts.of(ResultsFile.of("t", null, java.util.List.of())));
        assertThat(s.noFindings()).isTrue();
        assertThat(s.hasMore()).isFalse();
    }
}
