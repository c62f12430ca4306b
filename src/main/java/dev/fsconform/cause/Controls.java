package dev.fsconform.cause;

import dev.fsconform.operation.Family;
import dev.fsconform.result.Boundary;
import dev.fsconform.result.CellKey;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Placement;
import dev.fsconform.scenario.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The other cells of one environment, indexed once: the differential controls a cause rule compares
 * a failing cell with (the same call on a fresh fixture, in one directory, through another syscall).
 */
final class Controls {
    private final EnvironmentResult env;
    private final Map<CellKey, Observation> byKey = new HashMap<>();
    private final Map<String, Scenario> scenarios = new HashMap<>();
    private final Map<String, List<Observation>> byScenario = new HashMap<>();
    /** Environment-wide evidence lines, computed once: every failing cell of a run would repeat them. */
    private final Map<String, String> memo = new java.util.concurrent.ConcurrentHashMap<>();

    Controls(EnvironmentResult env) {
        this.env = env;
        for (Observation o : env.cells()) {
            byKey.put(o.cell(), o);
            byScenario.computeIfAbsent(o.scenario(), k -> new java.util.ArrayList<>()).add(o);
            Scenario.parse(o.scenario()).ifPresent(s -> scenarios.put(o.scenario(), s));
        }
    }

    EnvironmentResult env() {
        return env;
    }

    /** The catalogue shape of a cell; for an application pattern or a real tool, the shape of its deciding call. */
    Scenario scenario(Observation o) {
        Scenario s = scenarios.get(o.scenario());
        CellKey shape = s == null ? PatternShapes.of(o) : null;
        if (shape != null) {
            s = Scenario.parse(shape.scenario()).orElse(null);
        }
        return s;
    }

    /** The operation whose controls apply: the cell's own, or a pattern's deciding call. */
    static String operation(Observation o) {
        CellKey shape = PatternShapes.of(o);
        if (shape != null) {
            return shape.operation();
        }
        return o.operation();
    }

    Observation get(String op, Scenario s) {
        return s == null ? null : byKey.get(new CellKey(op, s.id()));
    }

    /** The same operation on the same shape, fresh (upper layer only) and in the given placement. */
    Observation fresh(Observation cell, Placement p) {
        Scenario s = scenario(cell);
        return s == null ? null : get(operation(cell), s.fresh().withPlacement(p));
    }

    /** The same operation on the simplest shape of the same source kind: {@code SOURCE[-seeded]-same-dir}. */
    Observation plain(Observation cell, Placement p, boolean seeded) {
        Scenario s = scenario(cell);
        if (s == null) {
            return null;
        }
        return get(operation(cell), s.simplest(p, seeded));
    }

    /** Ran cells on one mount and device whose parents differ (cross-dir) or are equal (same-dir). */
    List<Observation> sameMount(Placement p, Predicate<Observation> filter) {
        return env.cells().stream().filter(Observation::ran)
                .filter(o -> o.where() != null && o.where().boundary() == Boundary.NONE)
                .filter(o -> scenarios.containsKey(o.scenario()) && scenarios.get(o.scenario()).placement() == p)
                .filter(filter).toList();
    }

    /** How EXDEV splits between fresh cross-directory and same-directory native calls on one mount. */
    String crossDirPattern() {
        return memo.computeIfAbsent("cross-dir", k -> computeCrossDirPattern());
    }

    /** A line computed once per environment under {@code key}. */
    String once(String key, java.util.function.Supplier<String> line) {
        return memo.computeIfAbsent(key, k -> line.get());
    }

    private String computeCrossDirPattern() {
        Predicate<Observation> nativeFresh = o -> Family.NATIVE.contains(o.operation()) && !scenarios.get(o.scenario()).seeded();
        List<Observation> cross = sameMount(Placement.CROSS_DIR, nativeFresh);
        List<Observation> same = sameMount(Placement.SAME_DIR, nativeFresh);
        return "on one mount, " + cross.stream().filter(Signals::exdev).count() + " of " + cross.size()
                + " fresh cross-directory rename/link cells answer EXDEV, and " + same.stream().filter(Signals::exdev).count()
                + " of " + same.size() + " same-directory ones";
    }

    /** The other calls on the cell's fixture shape (for a pattern: on its deciding call's shape). */
    List<Observation> sameScenario(Observation cell) {
        Scenario s = scenario(cell);
        String id = s == null ? cell.scenario() : s.id();
        String op = operation(cell);
        return byScenario.getOrDefault(id, List.of()).stream().filter(o -> o != cell && !o.operation().equals(op)).toList();
    }
}
