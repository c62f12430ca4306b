package dev.fsconform.grade;

import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Scenario;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Whether a row covers a cell, and whether it lists the cell's outcome. */
final class RowMatch {
    private RowMatch() {
    }

    static boolean covers(Row r, Cell c) {
        Observation o = c.obs();
        return (r.ops().contains("*") || r.ops().contains(o.operation())) && coversShape(r, o.scenario(), c.scenario())
                && fieldsMatch(r, c);
    }

    /**
     * Whether the row's scenario conditions hold for a scenario id and its parsed shape (null for an id
     * this version cannot read, a pattern or a tool's job: then only rows without shape conditions apply).
     */
    static boolean coversShape(Row r, String id, Scenario s) {
        if (r.scenarios() != null && !r.scenarios().contains(id)) {
            return false;
        }
        if (s == null) {
            return r.source() == null && r.target() == null && r.placement() == null && r.seeded() == null;
        }
        return in(r.source(), s.source().token())
                && in(r.target(), s.target() == null ? "none" : s.target().token())
                && in(r.placement(), s.placement().token())
                && (r.seeded() == null || r.seeded() == s.seeded());
    }

    private static boolean fieldsMatch(Row r, Cell c) {
        return in(r.boundary(), c.boundary() == null ? null : c.boundary().name().toLowerCase(Locale.ROOT))
                && in(r.fs(), c.fs())
                && in(r.mountType(), c.mountType())
                && lacksAll(r.lacksCap(), c)
                && stateMatches(r.state(), c.obs());
    }

    static boolean listsOutcome(Row r, Observation o) {
        for (String pattern : r.outcomes()) {
            if (outcomeMatches(pattern, o)) {
                return true;
            }
        }
        return false;
    }

    /** {@code NAME} matches the outcome; {@code NAME(ERRNO)} also needs the errno behind it; {@code *} anything. */
    static boolean outcomeMatches(String pattern, Observation o) {
        if (pattern.equals("*")) {
            return true;
        }
        int paren = pattern.indexOf('(');
        if (paren < 0) {
            return pattern.equals(o.outcome());
        }
        String name = pattern.substring(0, paren);
        String errno = pattern.substring(paren + 1, pattern.length() - 1);
        return name.equals(o.outcome()) && errno.equals(o.errnoName());
    }

    private static boolean in(List<String> allowed, String value) {
        return allowed == null || (value != null && allowed.contains(value));
    }

    private static boolean lacksAll(List<String> caps, Cell c) {
        return caps == null || caps.stream().allMatch(cap -> Boolean.TRUE.equals(c.lacks(cap)));
    }

    private static boolean stateMatches(Map<String, String> state, Observation o) {
        if (state == null) {
            return true;
        }
        if (o.postState() == null) {
            return false;
        }
        return (!state.containsKey("source") || state.get("source").equals(o.postState().source()))
                && (!state.containsKey("target") || state.get("target").equals(o.postState().target()));
    }
}
