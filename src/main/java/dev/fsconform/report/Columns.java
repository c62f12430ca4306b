package dev.fsconform.report;

import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Column order: environments by kernel, then by group (both in order of first appearance), stable
 * inside. A row from a kernel guest is grouped by its kernel first ("kernel-6.1 · landlock"), so each
 * kernel's columns stand together and the group filter picks one kernel's kind of environment.
 */
final class Columns {
    private Columns() {
    }

    static List<EnvironmentVerdict> order(List<EnvironmentVerdict> verdicts) {
        List<String> kernels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (EnvironmentVerdict v : verdicts) {
            if (!kernels.contains(KernelAxis.of(v))) {
                kernels.add(KernelAxis.of(v));
            }
            if (!groups.contains(group(v))) {
                groups.add(group(v));
            }
        }
        return verdicts.stream().sorted(Comparator.<EnvironmentVerdict>comparingInt(v -> kernels.indexOf(KernelAxis.of(v)))
                .thenComparingInt(v -> groups.indexOf(group(v)))).toList();
    }

    static String group(EnvironmentVerdict v) {
        String g = v.env().group();
        String kind = g == null || g.isBlank() ? "ungrouped" : g;
        String kernel = KernelAxis.of(v);
        return kernel == null ? kind : kernel + " · " + kind;
    }
}
