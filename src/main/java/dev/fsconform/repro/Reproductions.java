package dev.fsconform.repro;

import dev.fsconform.operation.Operation;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import java.util.Optional;

/** Builds the by-hand reproduction of a cell from its operation and scenario ids. */
public final class Reproductions {
    static final String C_FILE = "/tmp/repro.c";
    static final String JAVA_FILE = "/tmp/Repro.java";

    private Reproductions() {
    }

    /** Empty when either id is unknown to this fsconform (a results file from a newer version). */
    public static Optional<Reproduction> of(String operationId, String scenarioId) {
        Optional<Operation> op = Operation.byId(operationId);
        Optional<Scenario> s = Catalogue.byId(scenarioId);
        return op.isEmpty() || s.isEmpty() ? Optional.empty() : Optional.of(of(op.get(), s.get()));
    }

    static Reproduction of(Operation op, Scenario s) {
        String target = Paths.target(s.placement());
        String setup = Setups.setup(s);
        String c = CallSource.c(op, target);
        if (c != null) {
            return new Reproduction(setup, "cc -o /tmp/repro " + C_FILE + " && /tmp/repro", c, C_FILE);
        }
        String java = CallSource.java(op, target);
        if (java != null) {
            return new Reproduction(setup, "java " + JAVA_FILE, java, JAVA_FILE);
        }
        if (op != Operation.MV) {
            throw new AssertionError("no reproduction for " + op);
        }
        return new Reproduction(setup, "mv -T -- " + Paths.SOURCE + " " + target + "; echo \"exit $?\"", null, null);
    }
}
