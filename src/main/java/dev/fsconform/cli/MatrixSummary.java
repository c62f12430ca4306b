package dev.fsconform.cli;

import dev.fsconform.env.HostLab;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The one-screen summary of a matrix run: one line per environment, EXDEV counts by where they happened. */
final class MatrixSummary {
    private MatrixSummary() {
    }

    static void print(HostLab.Report report, long millis, Path results, PrintStream out) {
        List<EnvironmentResult> rs = report.results();
        Map<EnvStatus, Long> byStatus = rs.stream().collect(Collectors.groupingBy(EnvironmentResult::status, TreeMap::new,
                Collectors.counting()));
        out.printf("fsconform matrix: %d environments on %s in %.1f s: %s%n", rs.size(), report.host(), millis / 1000.0,
                byStatus);
        out.printf("  %-40s %-11s %5s %6s  %s%n", "environment", "status", "cells", "EXDEV", "EXDEV by scenario family / reason");
        for (EnvironmentResult r : rs) {
            if (r.status() == EnvStatus.RAN) {
                long ran = r.cells().stream().filter(Observation::ran).count();
                Map<String, Integer> families = exdevFamilies(r);
                int exdev = families.values().stream().mapToInt(Integer::intValue).sum();
                out.printf("  %-40s %-11s %5d %6d  %s%s%n", r.name(), r.status(), ran, exdev, format(families), notable(r));
            } else {
                out.printf("  %-40s %-11s %5s %6s  %s%n", r.name(), r.status(), "-", "-", shorten(r.reason()));
            }
        }
        if (!report.root()) {
            List<String> needRoot = rs.stream().filter(r -> r.status() == EnvStatus.SKIPPED && r.reason() != null
                    && r.reason().startsWith("needs root")).map(EnvironmentResult::name).toList();
            if (!needRoot.isEmpty()) {
                out.println("  not root: running as root would add " + needRoot.size() + " environment(s): "
                        + String.join(", ", needRoot));
            }
        }
        out.println("  results: " + results);
    }

    /** EXDEV cells (native errno or the errno behind a Java exception) counted per scenario family. */
    static Map<String, Integer> exdevFamilies(EnvironmentResult r) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Observation o : r.cells()) {
            if (o.ran() && ("EXDEV".equals(o.outcome()) || "EXDEV".equals(o.errnoName()))) {
                out.merge(family(o), 1, Integer::sum);
            }
        }
        return out;
    }

    static String family(Observation o) {
        String scenario = o.scenario();
        if (!o.operation().startsWith("rename") && !o.operation().startsWith("link") && !o.operation().startsWith("files-move")
                && !o.operation().equals("mv")) {
            return o.operation() + "s";
        }
        if (scenario.startsWith("cross-mount-")) {
            return "cross-mount";
        }
        String where = scenario.endsWith("-same-dir") ? "same-dir" : "cross-dir";
        if (scenario.startsWith("seeded-")) {
            String source = scenario.substring("seeded-".length());
            return "seeded " + (source.startsWith("dir") || source.startsWith("emptydir") ? "dir" : "file") + " " + where;
        }
        return "fresh " + where;
    }

    private static String format(Map<String, Integer> families) {
        return families.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Errnos a sandbox injects, which say more than EXDEV in those environments. */
    private static String notable(EnvironmentResult r) {
        Map<String, Long> counts = r.cells().stream().filter(Observation::ran)
                .filter(o -> List.of("ENOSYS", "EPERM", "EACCES").contains(o.outcome()))
                .collect(Collectors.groupingBy(Observation::outcome, TreeMap::new, Collectors.counting()));
        return counts.isEmpty() ? "" : (r.cells().stream().anyMatch(o -> "EXDEV".equals(o.outcome())) ? "; " : "")
                + counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
