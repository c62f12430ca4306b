package dev.fsconform.verdict;

import dev.fsconform.result.CellKey;
import dev.fsconform.cause.Cause;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.AppTrace;
import dev.fsconform.result.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real tools of one environment in one sentence, for readers who ask "does pip work here?"
 * before they ask about syscalls: "git and npm work, pip-install works by copying, python-os-replace
 * fails: rename EXDEV (landlock-refer)". Empty when no app cell was part of the run.
 */
public final class Tools {

    private Tools() {
    }

    public static String sentence(EnvironmentVerdict v) {
        List<String> works = new ArrayList<>();
        Map<String, List<String>> byFallback = new LinkedHashMap<>();
        List<String> fails = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (GradedCell c : v.cells()) {
            Observation o = c.observation();
            if (!CellKey.APP.equals(o.operation())) {
                continue;
            }
            if (!o.ran()) {
                notRun.add(o.scenario() + " (" + o.reason() + ")");
                continue;
            }
            switch (o.outcome()) {
                case "OK" -> works.add(o.scenario());
                case "FALLBACK" -> byFallback.computeIfAbsent(how(o.app()), k -> new ArrayList<>()).add(o.scenario());
                case "WRONG_STATE" -> wrong.add(o.scenario() + " (" + String.join("; ", o.postState().problems()) + ")"
                        + refused(o, c));
                default -> fails.add(o.scenario() + refused(o, c).replaceFirst("^ after", ":"));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!works.isEmpty()) {
            parts.add(and(works) + (works.size() == 1 ? " works" : " work"));
        }
        byFallback.forEach((how, ids) -> parts.add(and(ids) + (ids.size() == 1 ? " works " : " work ") + how));
        fails.forEach(f -> parts.add(f.contains(":") ? f.replaceFirst(":", " fails:") : f + " fails"));
        wrong.forEach(w -> parts.add(w.replaceFirst(" \\(", " reports success with a wrong end state (")));
        if (parts.isEmpty() && notRun.isEmpty()) {
            return "";
        }
        String s = parts.isEmpty() ? "no real tool ran" : String.join(", ", parts);
        return s + (notRun.isEmpty() ? "" : "; not run: " + String.join(", ", notRun));
    }

    /** "by copying" / "by retrying another call" from the fallback the trace showed. */
    private static String how(AppTrace t) {
        String f = t == null || t.fallback() == null ? "" : t.fallback();
        if (f.startsWith("copied")) {
            return "by copying";
        }
        if (f.startsWith("retried")) {
            return "by retrying another call";
        }
        return "by its fallback";
    }

    /** " after rename EXDEV (landlock-refer)": the refused call and its causes, or the exit status. */
    private static String refused(Observation o, GradedCell c) {
        AppTrace t = o.app();
        if (o.errnoName() == null) {
            return t == null ? "" : ": exit " + t.exitStatus() + (t.traced() ? ", no refused call traced" : ", " + t.tracing());
        }
        String call = t != null && !t.failedCalls().isEmpty() ? t.failedCalls().get(0).replaceFirst("\\(.*", "") : "a call";
        String causes = c.causes() == null || c.causes().isEmpty() ? ""
                : " (" + c.causes().stream().map(Cause::id).collect(Collectors.joining(" + ")) + ")";
        return " after " + call + " " + o.errnoName() + causes;
    }

    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
