package dev.fsconform.report;

import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A small, fixed grading for page tests, so they do not move whenever the real expectation tables
 * do: OK expected, COPIED acceptable, EXDEV on one mount surprising (with a cause), EXDEV across
 * mounts acceptable, WRONG_STATE/PARTIAL forbidden, outcomes named "weird" unknown, other errnos expected.
 */
final class FakeVerdicts {
    static final Cause BOUNDARY = new Cause(Causes.MOUNT_BOUNDARY.id(), "source and target on different mounts",
            List.of("mount ids differ"), "keep both paths on one mount");

    private FakeVerdicts() {
    }

    static List<EnvironmentVerdict> of(ResultsFile file) {
        return file.environments().stream().map(FakeVerdicts::of).toList();
    }

    static EnvironmentVerdict of(EnvironmentResult env) {
        List<GradedCell> cells = env.cells().stream().map(FakeVerdicts::grade).toList();
        Map<Grade, Long> counts = new EnumMap<>(Grade.class);
        for (Grade g : Grade.values()) {
            counts.put(g, cells.stream().filter(c -> c.grade() == g).count());
        }
        List<GradedCell> findings = cells.stream().filter(GradedCell::finding)
                .sorted(Comparator.comparingInt((GradedCell c) -> -c.grade().severity())).toList();
        List<Cause> causes = cells.stream().flatMap(c -> c.causes().stream()).distinct().toList();
        return new EnvironmentVerdict(env, counts, cells, findings, causes,
                env.name() + ": " + findings.size() + " finding(s).");
    }

    static GradedCell grade(Observation o) {
        if (!o.ran()) {
            return GradedCell.notGraded(o);
        }
        String outcome = o.outcome();
        boolean sameMount = o.where() == null || o.where().sameMount();
        if ("OK".equals(outcome)) {
            return graded(o, Grade.EXPECTED, "the call did what it promises");
        }
        if ("COPIED".equals(outcome)) {
            return graded(o, Grade.ACCEPTABLE, "a copy is an allowed way to move");
        }
        if ("WRONG_STATE".equals(outcome) || "PARTIAL".equals(outcome)) {
            return graded(o, Grade.FORBIDDEN, "the post-state breaks the call's promise");
        }
        if ("EXDEV".equals(outcome) || "EXDEV".equals(o.errnoName())) {
            return sameMount
                    ? new GradedCell(o, Grade.SURPRISING, "exdev-same-mount", "EXDEV on one mount breaks programs",
                            "rename(2)", List.of(BOUNDARY))
                    : graded(o, Grade.ACCEPTABLE, "EXDEV across mounts is allowed");
        }
        if (outcome != null && outcome.contains("weird")) {
            return new GradedCell(o, Grade.UNKNOWN, null, "missing expectation", null, List.of());
        }
        return graded(o, Grade.EXPECTED, "the errno the man page gives");
    }

    private static GradedCell graded(Observation o, Grade g, String why) {
        return new GradedCell(o, g, "fake-" + g.name().toLowerCase(java.util.Locale.ROOT), why, "man 2 rename", List.of());
    }
}
