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
                    CellLabel.of(f.observation()), Signals.outcome(f.observation()), causeIds(f)));
            if (v.findings().size() > TOP) {
                out.printf("    … %d more findings%n", v.findings().size() - TOP);
            }
            if (!v.causes().isEmpty()) {
                out.println("    causes: " + v.causes().stream().map(Cause::id).collect(Collectors.joining(", ")));
            }
        }
    }

    /**
     * One line per environment, for runs with many: grade counts and cause ids, or why it did not run.
     * Same model as {@link #print}, shorter form.
     */
    public static void printCompact(List<EnvironmentVerdict> verdicts, PrintStream out) {
        out.printf("  %-40s %-11s %8s %6s %6s %6s %6s  %s%n", "environment", "status", "expected", "accept", "surpr", "forbid",
                "unknown", "causes / reason");
        for (EnvironmentVerdict v : verdicts) {
            if (v.cells().stream().noneMatch(GradedCell::graded)) {
                String reason = v.env().reason() == null ? "" : v.env().reason();
                out.printf("  %-40s %-11s %8s %6s %6s %6s %6s  %s%n", v.env().name(), v.env().status(), "-", "-", "-", "-", "-",
                        reason.length() <= 100 ? reason : reason.substring(0, 97) + "...");
                continue;
            }
            out.printf("  %-40s %-11s %8d %6d %6d %6d %6d  %s%n", v.env().name(), v.env().status(),
                    v.counts().get(Grade.EXPECTED), v.counts().get(Grade.ACCEPTABLE), v.counts().get(Grade.SURPRISING),
                    v.counts().get(Grade.FORBIDDEN), v.counts().get(Grade.UNKNOWN),
                    v.causes().stream().map(Cause::id).collect(Collectors.joining(", ")));
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
