package dev.fsconform.it;

import dev.fsconform.verdict.CellLabel;
import dev.fsconform.cause.Cause;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.List;
import java.util.stream.Collectors;

/** Readable lists of graded cells for assertion messages. */
final class Findings {
    private Findings() {
    }

    static List<String> unknown(EnvironmentVerdict v) {
        return v.cells().stream().filter(c -> c.grade() == Grade.UNKNOWN).map(Findings::line).collect(Collectors.toList());
    }

    static List<String> lines(List<GradedCell> cells) {
        return cells.stream().map(Findings::line).collect(Collectors.toList());
    }

    static String line(GradedCell c) {
        return c.grade() + " " + CellLabel.of(c.observation()) + " → " + c.observation().outcome() + " "
                + c.causes().stream().map(Cause::id).collect(Collectors.toList());
    }

    static GradedCell cell(EnvironmentVerdict v, String op, String scenario) {
        return v.cells().stream().filter(c -> c.observation().operation().equals(op) && c.observation().scenario().equals(scenario))
                .findFirst().orElseThrow(() -> new AssertionError(v.env().name() + " has no cell " + op + " × " + scenario));
    }

    static List<String> causeIds(GradedCell c) {
        return c.causes().stream().map(Cause::id).collect(Collectors.toList());
    }
}
