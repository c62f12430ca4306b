package dev.fsconform.env;

import java.util.function.Consumer;

/** What every environment of one matrix run shares. */
record LabContext(Host host, RunDir runDir, SeedLayers seedLayers, Launcher launcher, Children children,
                  Consumer<String> warnings) {

    void warn(String message) {
        warnings.accept(message);
    }
}
