package dev.fsconform.report;

import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Column order: environments grouped by their group (groups in order of first appearance), stable inside. */
final class Columns {
    private Columns() {
    }

    static List<EnvironmentVerdict> order(List<EnvironmentVerdict> verdicts) {
        List<String> groups = new ArrayList<>();
        for (EnvironmentVerdict v : verdicts) {
            if (!groups.contains(group(v))) {
                groups.add(group(v));
            }
        }
        return verdicts.stream().sorted(Comparator.comparingInt(v -> groups.indexOf(group(v)))).toList();
    }

    static String group(EnvironmentVerdict v) {
        String g = v.env().group();
        return g == null || g.isBlank() ? "ungrouped" : g;
    }
}
