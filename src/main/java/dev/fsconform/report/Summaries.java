package dev.fsconform.report;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The page's top summary, from the verdicts: totals, counts per grade, and the worst findings first,
 * each finding being one problem (grade, outcome, cause, reason) with the cells and environments it hit.
 */
final class Summaries {
    static final int TOP_FINDINGS = 15;

    private Summaries() {
    }

    /** One problem: the same grade, outcome, causes and reason, wherever and in whichever cells it happened. */
    private record Key(Grade grade, String outcome, String causes, String rationale) {
    }

    static PageView.Summary of(List<EnvironmentVerdict> verdicts) {
        List<PageView.Count> grades = Arrays.stream(Grade.values())
                .sorted(Comparator.comparingInt(Grade::severity))
                .map(g -> new PageView.Count(g.name(), Css.grade(g),
                        verdicts.stream().mapToLong(v -> v.counts().getOrDefault(g, 0L)).sum()))
                .toList();
        Map<EnvStatus, Long> byStatus = verdicts.stream().collect(Collectors.groupingBy(v -> v.env().status(),
                () -> new EnumMap<>(EnvStatus.class), Collectors.counting()));
        List<PageView.Count> statuses = byStatus.entrySet().stream()
                .map(e -> new PageView.Count(e.getKey().name(), Css.status(e.getKey()), e.getValue())).toList();
        List<PageView.Finding> findings = findings(verdicts);
        long cells = verdicts.stream().mapToLong(v -> v.cells().size()).sum();
        int ran = (int) verdicts.stream().filter(v -> v.env().status() == EnvStatus.RAN).count();
        return new PageView.Summary(verdicts.size(), ran, cells, grades, statuses,
                findings.subList(0, Math.min(TOP_FINDINGS, findings.size())),
                Math.max(0, findings.size() - TOP_FINDINGS));
    }

    private static List<PageView.Finding> findings(List<EnvironmentVerdict> verdicts) {
        Map<Key, List<GradedCell>> cells = new LinkedHashMap<>();
        Map<Key, Set<String>> envs = new LinkedHashMap<>();
        for (EnvironmentVerdict v : verdicts) {
            for (GradedCell c : v.findings()) {
                String causes = c.causes().stream().map(Cause::title).filter(Objects::nonNull).distinct()
                        .collect(Collectors.joining("; "));
                Key k = new Key(c.grade(), c.observation().outcome(), causes, c.rationale());
                cells.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
                envs.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v.env().name());
            }
        }
        List<PageView.Finding> out = new ArrayList<>();
        cells.forEach((k, list) -> {
            List<String> ops = list.stream().map(c -> c.observation().operation()).distinct().toList();
            long scenarios = list.stream().map(c -> c.observation().scenario()).distinct().count();
            out.add(new PageView.Finding(k.grade().name(), Css.grade(k.grade()), k.outcome(), list.size(),
                    names(ops) + " × " + scenarios + " scenario" + (scenarios == 1 ? "" : "s"),
                    ops.size() == 1 ? ops.get(0) : "", envs.get(k).size(), names(List.copyOf(envs.get(k))),
                    k.causes(), k.rationale()));
        });
        out.sort(Comparator.comparingInt((PageView.Finding f) -> -Grade.valueOf(f.grade()).severity())
                .thenComparing(f -> -f.cells()));
        return out;
    }

    private static String names(List<String> names) {
        int shown = 5;
        String head = String.join(", ", names.subList(0, Math.min(shown, names.size())));
        return names.size() > shown ? head + " and " + (names.size() - shown) + " more" : head;
    }
}
