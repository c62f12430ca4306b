package dev.fsconform.grade;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;

/** Grades stored observations against an expectation table and attributes causes. Thread-safe. */
public final class Grader {

    public static Grader standard() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Grades one cell of {@code env}; the other cells of {@code env} serve as differential controls. */
    public GradedCell grade(EnvironmentResult env, Observation cell) {
        throw new UnsupportedOperationException("not yet");
    }
}
