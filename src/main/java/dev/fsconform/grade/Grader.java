package dev.fsconform.grade;

import dev.fsconform.cause.Attribution;
import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Signals;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import java.util.List;
import java.util.Optional;

/**
 * Grades stored observations against an expectation table and attributes causes, at read time:
 * nothing graded is stored, so a better table re-grades old results. Thread-safe.
 */
public final class Grader {
    static final String MISSING = "missing expectation";

    private final Expectations table;
    /** The last environment's attribution, so grading its cells one by one indexes controls once. */
    private volatile Attribution last;

    private Grader(Expectations table) {
        this.table = table;
    }

    /** Loaded once, on first use; a caller arriving while another thread loads it waits instead of loading again. */
    public static Grader standard() {
        return Standard.GRADER;
    }

    private static final class Standard {
        static final Grader GRADER = new Grader(Expectations.standard());
    }

    public static Grader with(Expectations table) {
        return new Grader(table);
    }

    public Expectations expectations() {
        return table;
    }

    /** Grades one cell of {@code env}; the other cells of {@code env} serve as differential controls. */
    public GradedCell grade(EnvironmentResult env, Observation cell) {
        return grade(attribution(env), cell);
    }

    /** The outcomes the table would grade as one of {@code grades} for this cell (its "expected set"). */
    public List<String> outcomesGraded(EnvironmentResult env, Observation cell, java.util.Set<Grade> grades) {
        return table.outcomes(Cell.of(env, cell), grades);
    }

    /** Every cell of {@code env}, in order. */
    public List<GradedCell> gradeAll(EnvironmentResult env) {
        Attribution a = attribution(env);
        return env.cells().stream().map(c -> grade(a, c)).toList();
    }

    private GradedCell grade(Attribution a, Observation cell) {
        if (!cell.ran()) {
            return GradedCell.notGraded(cell);
        }
        Optional<Row> row = table.decide(Cell.of(a.env(), cell));
        Grade grade = row.map(Row::grade).orElse(Grade.UNKNOWN);
        List<Cause> causes = grade.finding() || Signals.needsCause(cell) ? a.explain(cell)
                : grade == Grade.ACCEPTABLE ? a.explainIfKnown(cell) : List.of();
        return row.map(r -> new GradedCell(cell, grade, r.id(), r.rationale(), r.reference(), causes))
                .orElseGet(() -> new GradedCell(cell, Grade.UNKNOWN, null,
                        MISSING + ": no row of '" + table.name() + "' grades " + cell.operation() + " × "
                                + cell.scenario() + " → " + Signals.outcome(cell), null, causes));
    }

    private Attribution attribution(EnvironmentResult env) {
        Attribution a = last;
        if (a == null || a.env() != env) {
            a = Attribution.of(env);
            last = a;
        }
        return a;
    }
}
