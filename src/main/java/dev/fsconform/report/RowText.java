package dev.fsconform.report;

import dev.fsconform.result.CellKey;
import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;

/** Plain-English text for a row's operation and scenario; application patterns describe their calls. */
final class RowText {
    /** The operation id under which the probe records application patterns (scenario = pattern id). */

    private RowText() {
    }

    static String operation(String id) {
        if (CellKey.PATTERN.equals(id)) {
            return "application patterns: real programs' publish sequences";
        }
        return Operation.byId(id).map(Operation::description).orElse(null);
    }

    static String scenario(String operation, String id) {
        if (CellKey.PATTERN.equals(operation)) {
            return Pattern.byId(id).map(p -> p.tools() + ": " + p.calls()).orElse(null);
        }
        return Catalogue.byId(id).map(Scenario::describe).orElse(null);
    }
}
