package dev.fsconform.verdict;

import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Signals;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** One screen: per environment its name, status, counts per grade and top findings with cause ids. */
public final class ConsoleSummary {
    static final int TOP = 5;

    private ConsoleSummary() {
    }

    public static void print(List<EnvironmentVerdict> verdicts, PrintStream out) {
        for (EnvironmentVerdict v : verdicts) {
            Grade worst = v.worst();
            out.printf("%-32s %-11s %s%n", v.env().name(), v.env().status(), counts(v)
                    + (worst == null ? "" : "  worst " + worst));
            v.findings().stream().limit(TOP).forEach(f -> out.printf("    %-10s %-52s %-34s %s%n", f.grade(),
                    f.observation().key(), Signals.outcome(f.observation()), causeIds(f)));
            if (v.findings().size() > TOP) {
                out.printf("    … %d more findings%n", v.findings().size() - TOP);
            }
            if (!v.causes().isEmpty()) {
                out.println("    causes: " + v.causes().stream().map(Cause::id).collect(Collectors.joining(", ")));
            }
        }
    }

    private static String counts(EnvironmentVerdict v) {
        return v.counts().entrySet().stream().map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String causeIds(GradedCell f) {
        return f.causes().isEmpty() ? "" : "[" + f.causes().stream().map(Cause::id).collect(Collectors.joining("+")) + "]";
    }
}
