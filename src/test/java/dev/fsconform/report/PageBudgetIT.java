package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The page's size budget for 100 environments × 400 cells, graded for real: at most 5 MB, and every
 * cell rendered in headless Chromium. Render time is a speed target, so it is measured by
 * bench/report-size.sh, not asserted here.
 */
class PageBudgetIT {
    private static final long MAX_BYTES = 5_000_000;

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
            }
        }
    }
}
