package dev.fsconform.verdict;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvironmentResult;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a report says about one environment, derived at read time from its stored cells.
 *
 * @param counts graded cells per grade, every grade present (zero included), in enum order
 * @param cells every cell in results order; cells that did not run have a null grade
 * @param findings SURPRISING, FORBIDDEN and UNKNOWN cells, worst first (by {@link Grade#severity()})
 * @param causes distinct causes over all findings and failing cells, evidence combined
 * @param diagnosis one plain-English paragraph a user can paste into a bug report
 */
public record EnvironmentVerdict(EnvironmentResult env, Map<Grade, Long> counts, List<GradedCell> cells,
                                 List<GradedCell> findings, List<Cause> causes, String diagnosis) {

    public EnvironmentVerdict {
        EnumMap<Grade, Long> ordered = new EnumMap<>(Grade.class);
        ordered.putAll(counts);
        counts = Collections.unmodifiableMap(ordered);
        cells = List.copyOf(cells);
        findings = List.copyOf(findings);
        causes = List.copyOf(causes);
    }

    /** The worst grade among graded cells, or null when nothing was graded. */
    public Grade worst() {
        return cells.stream().map(GradedCell::grade).filter(g -> g != null)
                .max(java.util.Comparator.comparingInt(Grade::severity)).orElse(null);
    }
}
