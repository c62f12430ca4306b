package dev.fsconform.report;

import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Column order: environments grouped by their group (groups in order of first appearance), stable
 * inside. A row from a kernel guest is grouped by its kernel first ("kernel-6.1 · landlock"), so each
 * kernel's columns stand together and the group filter picks one kernel's kind of environment.
 */
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
        String kind = g == null || g.isBlank() ? "ungrouped" : g;
        String kernel = v.env().fingerprint() == null ? null : v.env().fingerprint().labels().get("kernel.axis");
        if (kernel == null) {
            int at = v.env().name().indexOf("@kernel-");
            kernel = at < 0 ? null : v.env().name().substring(at + 1);
        }
        return kernel == null ? kind : kernel + " · " + kind;
    }
}
