package dev.fsconform.cause;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import java.util.List;

/**
 * Explains cells of one environment: every rule of {@link Causes} that fires, or {@code unknown} with
 * all the evidence gathered, never a silent guess. Build one per environment; the controls are indexed once.
 */
public final class Attribution {
    private final Controls controls;

    private Attribution(EnvironmentResult env) {
        this.controls = new Controls(env);
    }

    public static Attribution of(EnvironmentResult env) {
        return new Attribution(env);
    }

    public EnvironmentResult env() {
        return controls.env();
    }

    /** The causes rules find for an allowed outcome that need not be explained (EINVAL for a flag): none is not unknown. */
    public List<Cause> explainIfKnown(Observation cell) {
        return Causes.fire(Context.of(controls, cell));
    }

    /** The causes of one cell of this environment; never empty. */
    public List<Cause> explain(Observation cell) {
        return Causes.explain(Context.of(controls, cell));
    }
}
