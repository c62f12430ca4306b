package dev.fsconform.verdict;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.grade.Grader;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Grades every cell of an environment and sums it up: counts, findings worst first, causes, diagnosis. */
public final class Verdicts {
    /** Evidence lines kept per cause when many cells share it; the rest are counted. */
    static final int MAX_EVIDENCE = 14;

    private Verdicts() {
    }

    public static EnvironmentVerdict of(EnvironmentResult env) {
        return of(env, Grader.standard());
    }

    public static List<EnvironmentVerdict> of(ResultsFile file) {
        return of(file, Grader.standard());
    }

    public static List<EnvironmentVerdict> of(ResultsFile file, Grader grader) {
        return file.environments().stream().map(e -> of(e, grader)).toList();
    }

    public static EnvironmentVerdict of(EnvironmentResult env, Grader grader) {
        List<GradedCell> cells = grader.gradeAll(env);
        Map<Grade, Long> counts = new EnumMap<>(Grade.class);
        for (Grade g : Grade.values()) {
            counts.put(g, 0L);
        }
        cells.stream().filter(GradedCell::graded).forEach(c -> counts.merge(c.grade(), 1L, Long::sum));
        List<GradedCell> findings = cells.stream().filter(GradedCell::finding)
                .sorted(Comparator.comparingInt((GradedCell c) -> -c.grade().severity())).toList();
        List<Cause> causes = merge(cells);
        return new EnvironmentVerdict(env, counts, cells, findings, causes, Diagnosis.of(env, cells, findings, causes));
    }

    /** One cause per id, findings' causes first, evidence combined without repeats. */
    static List<Cause> merge(List<GradedCell> cells) {
        Map<String, List<Cause>> byId = new LinkedHashMap<>();
        List<GradedCell> ordered = new ArrayList<>(cells);
        ordered.sort(Comparator.comparing((GradedCell c) -> !c.finding()));
        for (GradedCell c : ordered) {
            for (Cause cause : c.causes()) {
                byId.computeIfAbsent(cause.id(), k -> new ArrayList<>()).add(cause);
            }
        }
        List<Cause> out = new ArrayList<>();
        byId.forEach((id, list) -> {
            LinkedHashSet<String> evidence = new LinkedHashSet<>();
            list.forEach(c -> evidence.addAll(c.evidence()));
            List<String> kept = new ArrayList<>(evidence);
            if (kept.size() > MAX_EVIDENCE) {
                int more = kept.size() - MAX_EVIDENCE;
                kept = new ArrayList<>(kept.subList(0, MAX_EVIDENCE));
                kept.add("… and " + more + " more evidence lines from other cells");
            }
            out.add(new Cause(id, list.get(0).title(), kept, list.get(0).fix()));
        });
        return out;
    }
}
