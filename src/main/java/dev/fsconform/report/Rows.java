package dev.fsconform.report;

import dev.fsconform.result.CellKey;
import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The matrix's rows: every operation × scenario any environment has, grouped by operation in
 * catalogue order, application patterns after the operations. Ids this version does not know (a
 * newer probe's) follow, in the order first seen.
 */
final class Rows {
    record Row(String operation, String scenario) {
    }

    private Rows() {
    }

    static List<Row> of(List<EnvironmentVerdict> verdicts) {
        Set<Row> seen = new LinkedHashSet<>();
        List<String> ops = new ArrayList<>();
        List<String> scenarios = new ArrayList<>();
        for (Operation op : Operation.values()) {
            ops.add(op.id());
        }
        for (Scenario s : Catalogue.scenarios()) {
            scenarios.add(s.id());
        }
        ops.add(CellKey.PATTERN);
        for (Pattern p : Pattern.values()) {
            scenarios.add(p.id());
        }
        for (EnvironmentVerdict v : verdicts) {
            for (Observation o : v.env().cells()) {
                if (seen.add(new Row(o.operation(), o.scenario()))) {
                    addIfNew(ops, o.operation());
                    addIfNew(scenarios, o.scenario());
                }
            }
        }
        Map<String, Integer> opRank = rank(ops);
        Map<String, Integer> scRank = rank(scenarios);
        return seen.stream()
                .sorted(Comparator.comparing((Row r) -> opRank.get(r.operation())).thenComparing(r -> scRank.get(r.scenario())))
                .toList();
    }

    private static void addIfNew(List<String> list, String id) {
        if (!list.contains(id)) {
            list.add(id);
        }
    }

    private static Map<String, Integer> rank(List<String> ids) {
        return IntStream.range(0, ids.size()).boxed().collect(Collectors.toMap(ids::get, Function.identity()));
    }
}
