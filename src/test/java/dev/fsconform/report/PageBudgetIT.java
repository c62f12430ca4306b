package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The page's size budget for 100 environments × 400 cells, graded for real: at most 5 MB, and every
 * cell rendered in headless Chromium; a larger matrix is cut to the budget and says so. Render time is
 * a speed target, so it is measured by bench/report-size.sh, not asserted here.
 */
class PageBudgetIT {
    private static final long MAX_BYTES = Report.PAGE_BUDGET_BYTES;

    @Test
    void hundredEnvironmentsOfFourHundredCellsFitTheSizeBudget() throws Exception {
        try (Browser browser = Browser.startOrSkip()) {
            for (String kind : new String[] {"realistic", "random"}) {
                // GIVEN a merged file of the budget's size
                ResultsFile merged = "realistic".equals(kind) ? Synthetic.fromRecorded(100, 400) : Synthetic.results(100, 400, 1);
                Path dir = Path.of("target", "browser", "budget-" + kind);
                // WHEN its report is written and opened
                Report.write(merged, dir);
                Path page = dir.resolve(Report.HTML);
                browser.open(page);
                // THEN it is small enough, and every cell is in the DOM
                assertThat(Files.size(page)).as(kind + " page bytes").isLessThanOrEqualTo(MAX_BYTES);
                assertThat(browser.js("return document.querySelectorAll('#matrix tbody td').length")).isEqualTo(40_000L);
                assertThat(browser.js("return document.getElementById('truncated') === null")).isEqualTo(true);
            }
        }
    }

    @Test
    void aMatrixOverTheBudgetIsCutToItAndSaysSo() throws Exception {
        try (Browser browser = Browser.startOrSkip()) {
            // GIVEN 150 environments of 400 random cells (60 000, no two alike: the worst case for the page's size)
            ResultsFile merged = Synthetic.results(150, 400, 2);
            Path dir = Path.of("target", "browser", "budget-over");
            // WHEN its report is written and opened
            Report.write(merged, dir);
            Path page = dir.resolve(Report.HTML);
            browser.open(page);
            // THEN the page is within the budget, the notice is shown, and the matrix has the cells it says it shows
            assertThat(Files.size(page)).isLessThanOrEqualTo(MAX_BYTES);
            String notice = (String) browser.js("return document.getElementById('truncated').textContent");
            assertThat(notice).contains("This page is truncated").contains(" of 150 environments (").contains(" of 60000 cells)");
            long shown = Long.parseLong(notice.replaceAll("(?s).*\\((\\d+) of 60000 cells\\).*", "$1"));
            assertThat(shown).isBetween(40_000L, 59_600L);
            assertThat(browser.js("return document.querySelectorAll('#matrix tbody td').length")).isEqualTo(shown);
            // and matrix.json beside it keeps every cell
            assertThat(Files.readString(dir.resolve(Report.JSON))).contains("\"env-149\"");
        }
    }
}
