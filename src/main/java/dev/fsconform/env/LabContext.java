package dev.fsconform.env;

import java.util.function.Consumer;

/**
 * What every environment of one matrix run shares.
 *
 * @param probeThreads probe on threads of this JVM where an environment allows it ({@link ProbeThread})
 */
record LabContext(Host host, RunDir runDir, SeedLayers seedLayers, Launcher launcher, Children children,
                  Consumer<String> warnings, String apps, boolean probeThreads) {

    /** The app jobs this environment's probe runs: the run's --apps when given, else the environment's own. */
    String appsFor(Environment env) {
        return apps != null ? apps : env.apps();
    }

    void warn(String message) {
        warnings.accept(message);
    }
}
