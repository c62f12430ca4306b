package dev.fsconform.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The scenario catalogue. Order is stable: results and reports list cells in this order. */
public final class Catalogue {
    private static final List<Scenario> ALL = build();

    private Catalogue() {
    }

    public static List<Scenario> scenarios() {
        return ALL;
    }

    public static Optional<Scenario> byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static List<Scenario> build() {
        List<Scenario> out = new ArrayList<>();
        Kind[] targets = {null, Kind.FILE, Kind.EMPTYDIR, Kind.DIR};
        // Fresh fixtures: every source kind onto every target kind, same and cross directory.
        for (Placement p : List.of(Placement.SAME_DIR, Placement.CROSS_DIR)) {
            for (Kind source : Kind.values()) {
                for (Kind target : targets) {
                    out.add(Scenario.of(source, target, p, false));
                }
            }
        }
        // Seeded fixtures: what an image or lower layer holds, moved within the merged view.
        for (Placement p : List.of(Placement.SAME_DIR, Placement.CROSS_DIR)) {
            for (Kind source : Kind.values()) {
                out.add(Scenario.of(source, null, p, true));
            }
        }
        out.add(Scenario.of(Kind.FILE, Kind.FILE, Placement.CROSS_DIR, true));
        out.add(Scenario.of(Kind.DIR, Kind.EMPTYDIR, Placement.CROSS_DIR, true));
        out.add(Scenario.of(Kind.DIR, Kind.DIR, Placement.SAME_DIR, true));
        // Across mounts: the second directory lives elsewhere.
        for (Kind source : Kind.values()) {
            out.add(Scenario.of(source, null, Placement.CROSS_MOUNT, false));
        }
        out.add(Scenario.of(Kind.FILE, Kind.FILE, Placement.CROSS_MOUNT, false));
        out.add(Scenario.of(Kind.DIR, Kind.EMPTYDIR, Placement.CROSS_MOUNT, false));
        return Collections.unmodifiableList(out);
    }
}
