package dev.fsconform.scenario;

import java.util.Optional;

/** Parses scenario ids: {@code [seeded-][cross-mount-]SOURCE[-onto-TARGET][-same-dir|-cross-dir]}. */
final class ScenarioIds {
    private ScenarioIds() {
    }

    static Optional<Scenario> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String rest = id;
        boolean seeded = rest.startsWith("seeded-");
        if (seeded) {
            rest = rest.substring("seeded-".length());
        }
        Placement placement;
        if (rest.startsWith("cross-mount-")) {
            placement = Placement.CROSS_MOUNT;
            rest = rest.substring("cross-mount-".length());
        } else if (rest.endsWith("-same-dir")) {
            placement = Placement.SAME_DIR;
            rest = rest.substring(0, rest.length() - "-same-dir".length());
        } else if (rest.endsWith("-cross-dir")) {
            placement = Placement.CROSS_DIR;
            rest = rest.substring(0, rest.length() - "-cross-dir".length());
        } else {
            return Optional.empty();
        }
        String[] parts = rest.split("-onto-", -1);
        if (parts.length > 2) {
            return Optional.empty();
        }
        Kind source = kind(parts[0]);
        Kind target = parts.length == 2 ? kind(parts[1]) : null;
        if (source == null || (parts.length == 2 && target == null)) {
            return Optional.empty();
        }
        Scenario s = Scenario.of(source, target, placement, seeded);
        return s.id().equals(id) ? Optional.of(s) : Optional.empty();
    }

    private static Kind kind(String token) {
        for (Kind k : Kind.values()) {
            if (k.token().equals(token)) {
                return k;
            }
        }
        return null;
    }
}
