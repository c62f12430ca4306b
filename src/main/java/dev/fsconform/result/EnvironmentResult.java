package dev.fsconform.result;

import java.util.List;

/** One environment's run: what it is, whether it ran, and its cells. */
public record EnvironmentResult(String name, String group, String description, EnvStatus status, String reason,
                                Fingerprint fingerprint, long durationMillis, List<Observation> cells) {

    public EnvironmentResult {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    public static EnvironmentResult notRun(String name, String group, String description, EnvStatus status,
                                           String reason, long durationMillis) {
        return new EnvironmentResult(name, group, description, status, reason, null, durationMillis, List.of());
    }
}
