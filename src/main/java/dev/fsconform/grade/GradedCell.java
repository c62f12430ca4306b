package dev.fsconform.grade;

import dev.fsconform.cause.Cause;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.Observation;
import java.util.List;

/**
 * One observation with its grade, the expectation row that decided it and the causes behind a
 * failure. Cells that did not run (NOT_APPLICABLE, SKIPPED, SETUP_ERROR) are not graded: their
 * grade is null and their harness status is {@link #harnessStatus()}, never mixed with the verdict.
 *
 * @param rowId the expectation row's id, or null (not run, or no row matched)
 * @param rationale why this outcome got this grade (for UNKNOWN: "missing expectation"); for a
 *     cell that did not run, the harness reason
 * @param reference man page section, kernel source file or documentation behind the row
 * @param causes why the environment produced this outcome; empty unless the outcome needs explaining
 */
public record GradedCell(Observation observation, Grade grade, String rowId, String rationale, String reference,
                         List<Cause> causes) {

    public GradedCell {
        causes = causes == null ? List.of() : List.copyOf(causes);
    }

    /** A cell the harness did not run: no grade, the harness reason kept apart. */
    public static GradedCell notGraded(Observation observation) {
        return new GradedCell(observation, null, null, observation.reason(), null, List.of());
    }

    public boolean graded() {
        return grade != null;
    }

    public CellStatus harnessStatus() {
        return observation.status();
    }

    public boolean finding() {
        return grade != null && grade.finding();
    }
}
