package dev.fsconform.pattern;

import java.nio.file.Path;

/** Turns a pattern's call log and final-state check into its result. */
final class Outcome {
    static final String OK = "OK";
    static final String FALLBACK = "FALLBACK";
    static final String WRONG_STATE = "WRONG_STATE";

    private Outcome() {
    }

    /** No fallback taken: the first failed call decides, else the final state. */
    static PatternResult of(Steps steps, Path source, Path target, String problem) {
        String outcome;
        if (steps.failedCall() != null) {
            outcome = steps.failedErrno().name();
        } else {
            outcome = problem == null ? OK : WRONG_STATE;
        }
        return new PatternResult(outcome, steps.failedErrno(), steps.failedCall(),
                steps.log() + (problem == null ? "" : "; final state: " + problem), source.getParent(), target.getParent());
    }

    /** The tool's fallback worked: the call that failed first is kept, since that is what a sandbox broke. */
    static PatternResult fallback(Steps steps, Path source, Path target, String problem) {
        String outcome = problem == null ? FALLBACK : WRONG_STATE;
        return new PatternResult(outcome, steps.failedErrno(), steps.failedCall(),
                steps.log() + (problem == null ? "" : "; final state: " + problem), source.getParent(), target.getParent());
    }
}
