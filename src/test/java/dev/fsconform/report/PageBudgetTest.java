package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A matrix larger than the page's budget is shown in part, within the budget, and the page says so. */
class PageBudgetTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>&\"'";

    @Test
    void aMatrixOverItsBudgetIsTruncatedWithAnEscapedNotice() {
        // GIVEN 20 synthetic environments, the last ones with hostile names, and a budget of 40% of their page
        List<EnvironmentResult> envs = new ArrayList<>(Synthetic.results(17, 100, 3).environments());
        for (int i = 0; i < 3; i++) {
            envs.add(Synthetic.environment(HOSTILE + i, "zz-last", 100, new Random(i)));
        }
        ResultsFile merged = ResultsFile.of("fsconform test", "2026-11-27T00:00:00Z", envs);
        List<EnvironmentVerdict> verdicts = Verdicts.of(merged);
        long whole = bytes(Page.render(PageViews.of(merged, verdicts)));
        long budget = whole * 4 / 10;

        // WHEN the page is rendered within that budget
        String page = PageBudget.render(merged, verdicts, budget);

        // THEN it fits, says it is truncated and by how much, names what it left out escaped, and keeps the summary whole
        assertThat(bytes(page)).isLessThanOrEqualTo(budget);
        assertThat(page).contains("id=\"truncated\"").contains("This page is truncated").contains(" of 20 environments (")
                .contains(" of 2000 cells)").contains(Report.JSON + " beside this page keeps every result");
        assertThat(page).contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;&amp;&quot;&#39;2").doesNotContain("<img src=x");
        assertThat(page).contains("<strong id=\"sum-envs\">20</strong>");
        int shown = Integer.parseInt(page.replaceAll("(?s).*show the first (\\d+) of 20 environments.*", "$1"));
        assertThat(shown).isBetween(1, 19);
        // and a page one environment larger would not have fitted: the cut is not wasteful
        assertThat(bytes(Page.render(PageViews.of(merged, verdicts, shown + 1, budget)))).isGreaterThan(budget);
    }

    @Test
    void aMatrixWithinItsBudgetIsWhole() {
        // GIVEN a small matrix
        ResultsFile merged = Synthetic.results(5, 50, 1);
        List<EnvironmentVerdict> verdicts = Verdicts.of(merged);

        // WHEN it is rendered with the standard budget, THEN it is the whole page, without a notice
        String page = Report.html(merged, verdicts);
        assertThat(page).isEqualTo(Page.render(PageViews.of(merged, verdicts))).doesNotContain("id=\"truncated\"");
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
