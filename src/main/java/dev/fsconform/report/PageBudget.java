package dev.fsconform.report;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps the page within its size budget: if the whole matrix does not fit, the page shows the most
 * leading columns that do (found by bisection, first guessed in proportion) and says what it left out.
 * The page's size grows with its columns, so a few renders find the cut.
 */
final class PageBudget {
    private PageBudget() {
    }

    static String render(ResultsFile merged, List<EnvironmentVerdict> verdicts, long maxBytes) {
        String whole = Page.render(PageViews.of(merged, verdicts));
        long size = bytes(whole);
        int n = verdicts.size();
        if (size <= maxBytes) {
            return whole;
        }
        // The largest count known to fit (0: the summary and the notice alone, which is bounded by the
        // summary's own limits) and the smallest known not to.
        int fits = 0;
        int tooMany = n;
        String best = null;
        int guess = (int) Math.max(1, Math.min(n - 1, n * maxBytes / size));
        while (tooMany - fits > 1 || best == null) {
            int k = best == null && guess > fits && guess < tooMany ? guess : (fits + tooMany) / 2;
            String page = Page.render(PageViews.of(merged, verdicts, k, maxBytes));
            if (bytes(page) <= maxBytes || k == 0) {
                fits = k;
                best = page;
            } else {
                tooMany = k;
            }
            guess = -1;
        }
        return best;
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
