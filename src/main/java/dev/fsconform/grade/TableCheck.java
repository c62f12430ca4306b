package dev.fsconform.grade;

import dev.fsconform.result.CellKey;
import dev.fsconform.input.Quote;
import dev.fsconform.operation.Family;
import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Expands {@code @group} operation names and rejects rows that could never match or explain nothing. */
final class TableCheck {
    private static final Set<String> KINDS = Set.of("file", "dir", "emptydir", "symlink");
    private static final Set<String> TARGETS = Set.of("none", "file", "dir", "emptydir", "symlink");
    private static final Set<String> PLACEMENTS = Set.of("same-dir", "cross-dir", "cross-mount");
    private static final Set<String> BOUNDARIES = Set.of("none", "mount", "device", "unknown");
    private static final Set<String> STATE_KEYS = Set.of("source", "target");

    private TableCheck() {
    }

    static List<Row> expandAndValidate(Expectations.Table t, String origin) {
        if (t == null || t.rows() == null || t.rows().isEmpty()) {
            throw new IllegalArgumentException(origin + ": no rows");
        }
        Map<String, List<String>> groups = t.groups() == null ? Map.of() : t.groups();
        groups.keySet().forEach(g -> require(Family.byId(g).isEmpty(), origin + ": group " + Quote.bare(g),
                "is an operation family already (" + Family.byId(g).map(f -> f.ids().size()).orElse(0) + " operations)"));
        Set<String> ids = new HashSet<>();
        List<Row> out = new ArrayList<>();
        for (Row r : t.rows()) {
            require(r != null, origin + ": row #" + (out.size() + 1), "is empty");
            String where = origin + ": row " + (r.id() == null ? "#" + (out.size() + 1) : Quote.bare(r.id()));
            require(r.id() != null && !r.id().isBlank(), where, "has no id");
            require(ids.add(r.id()), where, "duplicates an earlier id");
            require(r.grade() != null, where, "has no grade");
            require(r.grade() != Grade.UNKNOWN, where, "cannot grade UNKNOWN: that is what a missing row means");
            require(nonBlank(r.rationale()), where, "has no rationale");
            require(nonBlank(r.reference()), where, "has no reference");
            require(r.outcomes() != null && !r.outcomes().isEmpty(), where, "lists no outcomes");
            require(r.ops() != null && !r.ops().isEmpty(), where, "lists no operations");
            for (List<String> values : java.util.Arrays.asList(r.outcomes(), r.fs(), r.mountType())) {
                require(values == null || !values.contains(null), where, "has an empty entry in a list");
            }
            if (r.scenarios() != null) {
                r.scenarios().forEach(id -> require(id != null && (Scenario.parse(id).isPresent() || Pattern.byId(id).isPresent()),
                        where, "names an unknown scenario or pattern " + Quote.bare(id)));
            }
            checkValues(r.source(), KINDS, where, "source");
            checkValues(r.target(), TARGETS, where, "target");
            checkValues(r.placement(), PLACEMENTS, where, "placement");
            checkValues(r.boundary(), BOUNDARIES, where, "boundary");
            if (r.state() != null) {
                checkValues(List.copyOf(r.state().keySet()), STATE_KEYS, where, "state");
            }
            if (r.lacksCap() != null) {
                r.lacksCap().forEach(c -> require(c != null && Cell.knownCap(c), where, "names an unknown capability " + Quote.bare(c)));
            }
            out.add(withOps(r, expand(r.ops(), groups, where)));
        }
        return out;
    }

    private static List<String> expand(List<String> ops, Map<String, List<String>> groups, String where) {
        Set<String> out = new LinkedHashSet<>();
        for (String op : ops) {
            require(op != null, where, "lists an empty operation");
            if (op.equals("*")) {
                out.add(op);
            } else if (op.startsWith("@")) {
                String name = op.substring(1);
                List<String> members = Family.byId(name).map(f -> f.members().stream().map(Operation::id).toList())
                        .orElse(groups.get(name));
                require(members != null, where, "names an unknown group " + Quote.bare(op));
                members.forEach(m -> out.add(checkOp(m, where)));
            } else {
                out.add(checkOp(op, where));
            }
        }
        return List.copyOf(out);
    }

    private static String checkOp(String op, String where) {
        require(op != null && (Operation.byId(op).isPresent() || op.equals(CellKey.PATTERN) || op.equals(CellKey.APP)), where,
                "names an unknown operation " + Quote.bare(op));
        return op;
    }

    private static void checkValues(List<String> values, Set<String> allowed, String where, String field) {
        if (values != null) {
            values.forEach(v -> require(v != null && allowed.contains(v), where, "has " + field + " " + Quote.of(v)
                    + ", not one of " + allowed));
        }
    }

    private static Row withOps(Row r, List<String> ops) {
        return new Row(r.id(), ops, r.scenarios(), r.source(), r.target(), r.placement(), r.seeded(), r.boundary(), r.fs(),
                r.mountType(), r.lacksCap(), r.state(), r.outcomes(), r.grade(), r.rationale(), r.reference());
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(boolean ok, String where, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(where + " " + problem);
        }
    }
}
