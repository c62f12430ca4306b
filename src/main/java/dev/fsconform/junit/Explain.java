package dev.fsconform.junit;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.Observation;
import dev.fsconform.validate.Profile;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A failing cell as one readable message: what happened and what was expected, how it is graded,
 * why (cause with its evidence) and how to fix it. The first line stands alone in a short report.
 */
final class Explain {
    private static final String INDENT = "\n    ";

    private Explain() {
    }

    /** @param expected the outcomes that would have passed, as the profile or the table states them */
    static String cell(String testName, GradedCell c, Profile profile, List<String> expected) {
        Observation o = c.observation();
        StringBuilder m = new StringBuilder(testName).append(": ").append(outcome(o)).append(", expected ")
                .append(expected.isEmpty() ? profile.passing() : String.join(" | ", expected))
                .append(" (profile ").append(profile.id()).append(")");
        m.append("\n  grade:    ").append(c.grade()).append(" — ").append(c.rationale());
        if (c.rowId() != null) {
            m.append(" [row ").append(c.rowId()).append(c.reference() == null ? "" : "; " + c.reference()).append("]");
        }
        if (c.causes().isEmpty()) {
            m.append("\n  cause:    none attributed");
        }
        for (Cause k : c.causes()) {
            m.append("\n  cause:    ").append(k.id()).append(k.title() == null ? "" : " — " + k.title());
            if (!k.evidence().isEmpty()) {
                m.append("\n  evidence:").append(INDENT).append(String.join(INDENT, k.evidence()));
            }
        }
        String fix = c.causes().stream().map(Cause::fix).filter(f -> f != null && !f.isBlank()).distinct()
                .collect(Collectors.joining(" "));
        if (!fix.isEmpty()) {
            m.append("\n  fix:      ").append(fix);
        }
        if (o.postState() != null) {
            m.append("\n  state:    ").append(o.postState().source()).append("; ").append(o.postState().target());
        }
        return m.toString();
    }

    static String outcome(Observation o) {
        StringBuilder s = new StringBuilder(o.outcome());
        if (o.errnoName() != null && !o.errnoName().equals(o.outcome())) {
            s.append(" (").append(o.errnoName()).append(")");
        }
        if (o.detail() != null && !o.detail().isBlank()) {
            s.append(" [").append(o.detail()).append("]");
        }
        return s.toString();
    }
}
