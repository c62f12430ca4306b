package dev.fsconform.result;

import java.util.List;
import java.util.Map;

/**
 * Everything about the process and its directories that can change rename semantics. Landlock
 * restriction of a process cannot be read from outside it, so {@code landlockRestricted} is null
 * unless whoever started the probe declared it (in {@code labels}) — causes then rely on controls.
 */
public record Fingerprint(String kernel, String arch, String javaVersion, String hostname, int uid,
                          String capEff, int seccompMode, int seccompFilters, boolean noNewPrivs,
                          int landlockAbi, Boolean landlockRestricted, List<MountFacts> mounts,
                          Map<String, String> labels) {

    public Fingerprint {
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }
}
