package dev.fsconform.report;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.List;

/** Assembles the template's view: summary, environment headers in column order, and the matrix data. */
final class PageViews {
    /** Left-out environments named in the truncation notice; the rest are counted. */
    static final int NAMED = 20;

    private PageViews() {
    }

    /** The whole matrix. */
    static PageView of(ResultsFile merged, List<EnvironmentVerdict> verdicts) {
        return of(merged, verdicts, verdicts.size(), 0);
    }

    /**
     * The summary of every environment, but the matrix and environment cards of the first {@code shown}
     * columns only; the others are named in a notice that says so ({@code budget} is the page's size budget).
     */
    static PageView of(ResultsFile merged, List<EnvironmentVerdict> verdicts, int shown, long budget) {
        List<EnvironmentVerdict> all = Columns.order(verdicts);
        List<EnvironmentVerdict> columns = all.subList(0, Math.min(shown, all.size()));
        List<PageView.EnvCard> cards = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            cards.add(EnvCards.of(i, columns.get(i)));
        }
        PageData data = PageDataBuilder.build(columns, Rows.of(columns));
        String title = "fsconform compatibility matrix: " + all.size() + " environment" + (all.size() == 1 ? "" : "s");
        return new PageView(title, merged.tool(), merged.generatedAt(), Summaries.of(verdicts),
                KernelAxis.summary(columns), cards, Page.CSP, ScriptJson.write(data),
                columns.size() == all.size() ? null : truncation(all, columns.size(), budget));
    }

    private static PageView.Truncation truncation(List<EnvironmentVerdict> all, int shown, long budget) {
        List<EnvironmentVerdict> left = all.subList(shown, all.size());
        List<String> named = left.stream().limit(NAMED).map(v -> v.env().name()).toList();
        return new PageView.Truncation(String.format(java.util.Locale.ROOT, "%.1f MB", budget / 1e6), shown, all.size(),
                cells(all.subList(0, shown)), cells(all), String.join(", ", named), left.size() - named.size(), Report.JSON);
    }

    private static long cells(List<EnvironmentVerdict> verdicts) {
        return verdicts.stream().mapToLong(v -> v.cells().size()).sum();
    }
}
