package dev.fsconform.report;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.List;

/** Assembles the template's view: summary, environment headers in column order, and the matrix data. */
final class PageViews {
    private PageViews() {
    }

    static PageView of(ResultsFile merged, List<EnvironmentVerdict> verdicts) {
        List<EnvironmentVerdict> columns = Columns.order(verdicts);
        List<PageView.EnvCard> cards = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            cards.add(EnvCards.of(i, columns.get(i)));
        }
        PageData data = PageDataBuilder.build(columns, Rows.of(columns));
        String title = "fsconform compatibility matrix: " + columns.size() + " environment" + (columns.size() == 1 ? "" : "s");
        return new PageView(title, merged.tool(), merged.generatedAt(), Summaries.of(verdicts),
                KernelAxis.summary(columns), cards, Page.CSP,
                ScriptJson.write(data));
    }
}
