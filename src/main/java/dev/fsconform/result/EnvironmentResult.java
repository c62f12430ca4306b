package dev.fsconform.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One environment's run: what it is, whether it ran, and its cells. {@code phases} is null, and left
 * out of the JSON, where nobody timed the phases (a bare `probe`, or results from before the field).
 */
public record EnvironmentResult(String name, String group, String description, EnvStatus status, String reason,
                                Fingerprint fingerprint, long durationMillis, List<Observation> cells,
                                @JsonInclude(JsonInclude.Include.NON_NULL) PhaseTimings phases) {

    public EnvironmentResult {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /** Without phase timings: what a probe measures about itself. */
    public EnvironmentResult(String name, String group, String description, EnvStatus status, String reason,
                             Fingerprint fingerprint, long durationMillis, List<Observation> cells) {
        this(name, group, description, status, reason, fingerprint, durationMillis, cells, null);
    }

    public static EnvironmentResult notRun(String name, String group, String description, EnvStatus status,
                                           String reason, long durationMillis) {
        return new EnvironmentResult(name, group, description, status, reason, null, durationMillis, List.of());
    }

    /** The same result as measured by whoever ran the environment, with its phase timings. */
    public EnvironmentResult withPhases(PhaseTimings timings) {
        return new EnvironmentResult(name, group, description, status, reason, fingerprint, durationMillis, cells, timings);
    }
}
