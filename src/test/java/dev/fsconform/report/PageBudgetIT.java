package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.ResultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The page's budget for 100 environments × 400 cells, graded for real: at most 5 MB, and painted
 * within 2 s of navigation in headless Chromium (best of three loads, so a busy machine does not flake it).
 */
class PageBudgetIT {
    private static final long MAX_BYTES = 5_000_000;
    private static final double MAX_MILLIS = 2_000;

    @Test
    void hundredEnvironmentsOfFourHundredCellsFitTheBudget() throws Exception {
        try (Browser browser = Browser.startOrSkip()) {
            for (String kind : new String[] {"realistic", "random"}) {
                // GIVEN a merged file of the budget's size
                ResultsFile merged = "realistic".equals(kind) ? Synthetic.fromRecorded(100, 400) : Synthetic.results(100, 400, 1);
                Path dir = Path.of("target", "browser", "budget-" + kind);
                // WHEN its report is written and opened
                Report.write(merged, dir);
                Path page = dir.resolve(Report.HTML);
                double best = Double.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    browser.open(page);
                    best = Math.min(best, ((Number) browser.js("return new Promise(r => { const t = () =>"
                            + " window.fsconformPaintedAt ? r(window.fsconformPaintedAt) : setTimeout(t, 10); t(); })"))
                            .doubleValue());
                }
                // THEN it is small enough and fast enough, with every cell in the DOM
                assertThat(Files.size(page)).as(kind + " page bytes").isLessThanOrEqualTo(MAX_BYTES);
                assertThat(best).as(kind + " ms to first painted frame").isLessThanOrEqualTo(MAX_MILLIS);
                assertThat(browser.js("return document.querySelectorAll('#matrix tbody td').length")).isEqualTo(40_000L);
            }
        }
    }
}
