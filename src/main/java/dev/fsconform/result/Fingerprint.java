package dev.fsconform.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
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
                          Map<String, String> labels, @JsonInclude(JsonInclude.Include.NON_NULL) String procVersion) {
    /** gVisor's /proc/version, the same in every release since 2018 (its sentry's fixed uname). */
    static final String GVISOR_VERSION = "Linux version 4.4.0 #1 SMP Sun Jan 10 15:06:54 PST 2016";

    @JsonCreator
    public Fingerprint {
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }

    public Fingerprint(String kernel, String arch, String javaVersion, String hostname, int uid, String capEff,
                       int seccompMode, int seccompFilters, boolean noNewPrivs, int landlockAbi,
                       Boolean landlockRestricted, List<MountFacts> mounts, Map<String, String> labels) {
        this(kernel, arch, javaVersion, hostname, uid, capEff, seccompMode, seccompFilters, noNewPrivs, landlockAbi,
                landlockRestricted, mounts, labels, null);
    }

    /** Whether the probe ran under gVisor, whose sentry implements the syscalls instead of Linux. */
    public boolean gvisor() {
        return procVersion != null && procVersion.startsWith(GVISOR_VERSION);
    }
}
