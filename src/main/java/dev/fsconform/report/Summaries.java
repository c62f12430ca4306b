package dev.fsconform.report;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The page's top summary, from the verdicts: totals, counts per grade, the worst findings first. */
final class Summaries {
    static final int TOP_FINDINGS = 15;

    private Summaries() {
    }

    /** The same outcome of the same cell with the same grade, wherever it happened. */
    private record Key(String operation, String scenario, String outcome, Grade grade) {
    }

    static PageView.Summary of(List<EnvironmentVerdict> verdicts) {
        List<PageView.Count> grades = Arrays.stream(Grade.values())
                .sorted(Comparator.comparingInt(Grade::severity))
                .map(g -> new PageView.Count(g.name(), Css.grade(g),
                        verdicts.stream().mapToLong(v -> v.counts().getOrDefault(g, 0L)).sum()))
                .toList();
        Map<EnvStatus, Long> byStatus = verdicts.stream()
                .collect(Collectors.groupingBy(v -> v.env().status(), LinkedHashMap::new, Collectors.counting()));
        List<PageView.Count> statuses = byStatus.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new PageView.Count(e.getKey().name(), Css.status(e.getKey()), e.getValue())).toList();
        List<PageView.Finding> findings = findings(verdicts);
        long cells = verdicts.stream().mapToLong(v -> v.cells().size()).sum();
        int ran = (int) verdicts.stream().filter(v -> v.env().status() == EnvStatus.RAN).count();
        return new PageView.Summary(verdicts.size(), ran, cells, grades, statuses,
                findings.subList(0, Math.min(TOP_FINDINGS, findings.size())),
                Math.max(0, findings.size() - TOP_FINDINGS));
    }

    private static List<PageView.Finding> findings(List<EnvironmentVerdict> verdicts) {
        Map<Key, List<String>> envs = new LinkedHashMap<>();
        Map<Key, GradedCell> example = new LinkedHashMap<>();
        for (EnvironmentVerdict v : verdicts) {
            for (GradedCell c : v.findings()) {
                Key k = new Key(c.observation().operation(), c.observation().scenario(), c.observation().outcome(), c.grade());
                envs.computeIfAbsent(k, x -> new ArrayList<>()).add(v.env().name());
                example.putIfAbsent(k, c);
            }
        }
        List<PageView.Finding> out = new ArrayList<>();
        envs.forEach((k, names) -> {
            GradedCell c = example.get(k);
            String causes = c.causes().stream().map(Cause::title).filter(Objects::nonNull).distinct()
                    .collect(Collectors.joining("; "));
            out.add(new PageView.Finding(k.grade().name(), Css.grade(k.grade()), k.operation(), k.scenario(),
                    k.outcome(), names.size(), names(names), causes, c.rationale()));
        });
        out.sort(Comparator.comparingInt((PageView.Finding f) -> -Grade.valueOf(f.grade()).severity())
                .thenComparing(f -> -f.environments()));
        return out;
    }

    private static String names(List<String> names) {
        int shown = 5;
        String head = String.join(", ", names.subList(0, Math.min(shown, names.size())));
        return names.size() > shown ? head + " and " + (names.size() - shown) + " more" : head;
    }
}
