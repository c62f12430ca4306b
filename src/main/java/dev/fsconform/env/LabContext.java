package dev.fsconform.env;

import java.nio.file.Path;
import java.util.function.Consumer;

/** What every environment of one matrix run shares. */
record LabContext(Host host, RunDir runDir, Path seedLayer, Launcher launcher, Children children,
                  Consumer<String> warnings) {

    void warn(String message) {
        warnings.accept(message);
    }
}
