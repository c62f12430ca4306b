package dev.fsconform.junit;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.Observation;
import java.util.stream.Collectors;

/** A failing cell as one readable message: what happened, how it is graded, and why. */
final class Explain {
    private Explain() {
    }

    static String cell(GradedCell c) {
        Observation o = c.observation();
        String causes = c.causes() == null || c.causes().isEmpty() ? "no cause attributed"
                : c.causes().stream().map(k -> k.id() + " (" + String.join("; ", k.evidence()) + ")")
                        .collect(Collectors.joining(" + "));
        String fix = c.causes() == null ? "" : c.causes().stream().map(Cause::fix).filter(f -> f != null && !f.isBlank())
                .distinct().collect(Collectors.joining(" "));
        return o.key() + " → " + o.outcome() + (o.detail() == null ? "" : " [" + o.detail() + "]")
                + "; graded " + c.grade() + ": " + c.rationale() + "; cause: " + causes + (fix.isEmpty() ? "" : "; fix: " + fix);
    }
}
