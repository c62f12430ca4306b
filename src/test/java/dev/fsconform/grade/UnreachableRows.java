package dev.fsconform.grade;

import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.result.Boundary;
import dev.fsconform.result.CellKey;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds expectation rows no cell can reach because earlier rows always decide first. Each condition
 * of a row is a finite set of values, so a row is reachable exactly when some combination of the
 * values the table distinguishes (plus "anything else" and "unknown" for each) reaches it first; the
 * search tries those combinations inside the row's own conditions. Dimensions are taken as
 * independent, so a row reachable only by a combination no environment produces is not flagged: a
 * row this reports is dead for certain.
 */
final class UnreachableRows {
    private static final String OTHER = "other";
    /** A real tool's cell carries its job id as scenario, which no scenario parser reads. */
    private static final String APP_JOB = "some-job";
    private static final BigInteger NO_CAPS = BigInteger.ZERO;
    private static final BigInteger ALL_CAPS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** An unreachable row and the earlier rows that decide every cell it covers. */
    record Dead(String row, Set<String> winners) {
    }

    private final List<Row> rows;

    private UnreachableRows(List<Row> rows) {
        this.rows = rows;
    }

    static List<Dead> of(Expectations table) {
        UnreachableRows u = new UnreachableRows(table.rows());
        List<Dead> out = new ArrayList<>();
        for (int i = 0; i < u.rows.size(); i++) {
            Set<String> winners = new TreeSet<>();
            if (!u.reachable(i, winners)) {
                out.add(new Dead(u.rows.get(i).id(), winners));
            }
        }
        return out;
    }

    private boolean reachable(int i, Set<String> winners) {
        Row r = rows.get(i);
        List<Row> upTo = rows.subList(0, i + 1);
        for (String op : ops(r)) {
            for (Map.Entry<String, Scenario> s : scenarios(op, upTo).entrySet()) {
                if (!RowMatch.coversShape(r, s.getKey(), s.getValue())) {
                    continue;
                }
                for (Boundary b : values(upTo, Row::boundary, r.boundary(), boundaries())) {
                    for (String fs : strings(upTo, Row::fs, r.fs())) {
                        for (String mt : strings(upTo, Row::mountType, r.mountType())) {
                            for (BigInteger caps : caps(upTo, r)) {
                                for (PostState post : states(upTo, r)) {
                                    for (String[] outcome : outcomes(upTo, r)) {
                                        Observation o = new Observation(op, s.getKey(), CellStatus.RAN, null, outcome[0], null,
                                                outcome[1], null, null, post, null, 1.0);
                                        Cell c = new Cell(o, s.getValue(), b, fs, mt, caps);
                                        if (!RowMatch.covers(r, c) || !RowMatch.listsOutcome(r, o)) {
                                            continue;
                                        }
                                        Row first = upTo.stream().filter(x -> RowMatch.covers(x, c) && RowMatch.listsOutcome(x, o))
                                                .findFirst().orElseThrow();
                                        if (first == r) {
                                            return true;
                                        }
                                        winners.add(first.id());
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static List<String> ops(Row r) {
        if (!r.ops().contains("*")) {
            return r.ops();
        }
        List<String> all = new ArrayList<>(Arrays.stream(Operation.values()).map(Operation::id).toList());
        all.addAll(List.of(CellKey.PATTERN, CellKey.APP));
        return all;
    }

    /** One scenario of each shape, plus every scenario a row names by id; for patterns, every pattern. */
    private static Map<String, Scenario> scenarios(String op, List<Row> upTo) {
        Map<String, Scenario> out = new LinkedHashMap<>();
        if (op.equals(CellKey.PATTERN)) {
            Arrays.stream(Pattern.values()).forEach(p -> out.put(p.id(), null));
            return out;
        }
        if (op.equals(CellKey.APP)) {
            out.put(APP_JOB, null);
            return out;
        }
        Set<String> named = new LinkedHashSet<>();
        upTo.stream().filter(x -> x.scenarios() != null).forEach(x -> named.addAll(x.scenarios()));
        Set<List<Object>> shapes = new LinkedHashSet<>();
        for (Scenario s : Catalogue.scenarios()) {
            if (named.contains(s.id()) || shapes.add(Arrays.asList(s.source(), s.target(), s.placement(), s.seeded()))) {
                out.put(s.id(), s);
            }
        }
        return out;
    }

    private static List<Boundary> boundaries() {
        List<Boundary> all = new ArrayList<>(Arrays.asList(Boundary.values()));
        all.add(null);
        return all;
    }

    /** Every value of a dimension some row up to this one tests, or one value if none does; within the row's own list. */
    private static <T> List<T> values(List<Row> upTo, Function<Row, List<String>> field, List<String> own, List<T> all) {
        if (upTo.stream().allMatch(x -> field.apply(x) == null)) {
            return all.subList(0, 1);
        }
        return all.stream().filter(v -> own == null || (v != null && own.contains(v.toString().toLowerCase(java.util.Locale.ROOT))))
                .toList();
    }

    /** The strings rows up to this one name, anything else, and unknown (null). */
    private static List<String> strings(List<Row> upTo, Function<Row, List<String>> field, List<String> own) {
        Set<String> seen = new LinkedHashSet<>();
        upTo.stream().map(field).filter(Objects::nonNull).forEach(seen::addAll);
        if (seen.isEmpty()) {
            return java.util.Collections.singletonList(null);
        }
        if (own != null) {
            return List.copyOf(own);
        }
        List<String> out = new ArrayList<>(seen);
        out.add(OTHER);
        out.add(null);
        return out;
    }

    private static List<BigInteger> caps(List<Row> upTo, Row r) {
        if (r.lacksCap() != null) {
            return List.of(NO_CAPS);
        }
        return upTo.stream().allMatch(x -> x.lacksCap() == null) ? List.of(ALL_CAPS) : Arrays.asList(NO_CAPS, ALL_CAPS, null);
    }

    private static List<PostState> states(List<Row> upTo, Row r) {
        Set<String> sources = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        for (Row x : upTo) {
            if (x.state() != null) {
                if (x.state().containsKey("source")) {
                    sources.add(x.state().get("source"));
                }
                if (x.state().containsKey("target")) {
                    targets.add(x.state().get("target"));
                }
            }
        }
        sources.add(OTHER);
        targets.add(OTHER);
        List<PostState> out = new ArrayList<>();
        for (String s : sources) {
            for (String t : targets) {
                out.add(new PostState(s, t, null, List.of()));
            }
        }
        if (r.state() == null) {
            out.add(null);
        }
        return sources.size() == 1 && targets.size() == 1 && r.state() == null ? out.subList(0, 1) : out;
    }

    /**
     * Outcome and errno pairs: each pattern of the row as written; for a bare name also with every errno
     * the table pairs with that name; for {@code *} every pair the table names and one it does not.
     */
    private static List<String[]> outcomes(List<Row> upTo, Row r) {
        Set<List<String>> named = new LinkedHashSet<>();
        for (Row x : upTo) {
            x.outcomes().stream().filter(p -> !p.equals("*")).forEach(p -> named.add(pair(p)));
        }
        Set<List<String>> out = new LinkedHashSet<>();
        for (String p : r.outcomes()) {
            if (p.equals("*")) {
                out.addAll(named);
                out.add(Arrays.asList(OTHER, null));
            } else if (p.contains("(")) {
                out.add(pair(p));
            } else {
                out.add(Arrays.asList(p, null));
                named.stream().filter(n -> n.get(0).equals(p)).forEach(out::add);
            }
        }
        return out.stream().map(l -> l.toArray(new String[0])).toList();
    }

    private static List<String> pair(String pattern) {
        int paren = pattern.indexOf('(');
        return paren < 0 ? Arrays.asList(pattern, null)
                : Arrays.asList(pattern.substring(0, paren), pattern.substring(paren + 1, pattern.length() - 1));
    }
}
