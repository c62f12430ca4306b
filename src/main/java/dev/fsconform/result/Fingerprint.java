package dev.fsconform.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything about the process and its directories that can change rename semantics. Landlock
 * restriction of a process cannot be read from outside it, so {@code landlockRestricted} is null
 * unless whoever started the probe declared it — causes then rely on controls. What the launcher
 * applied is {@code sandbox}; labels are free-form description, and sandbox keys found in them (the
 * probe's command line, files before schema 3) are moved into {@code sandbox} here, once.
 */
public record Fingerprint(String kernel, String arch, String javaVersion, String hostname, int uid,
                          String capEff, int seccompMode, int seccompFilters, boolean noNewPrivs,
                          int landlockAbi, Boolean landlockRestricted, List<MountFacts> mounts,
                          Map<String, String> labels, @JsonInclude(JsonInclude.Include.NON_NULL) String procVersion,
                          @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = SandboxApplied.NoneFilter.class)
                          SandboxApplied sandbox) {
    /**
     * The label with what the kernel logged about overlayfs while the lab mounted the environment's
     * overlay ("overlayfs: failed to set xattr on upper"): a mount it accepts with a warning can do less.
     */
    public static final String OVERLAY_KERNEL_LOG = "overlay.kernel-log";

    /** gVisor's /proc/version, the same in every release since 2018 (its sentry's fixed uname). */
    static final String GVISOR_VERSION = "Linux version 4.4.0 #1 SMP Sun Jan 10 15:06:54 PST 2016";

    @JsonCreator
    public Fingerprint {
        mounts = List.copyOf(mounts);
        SandboxApplied.Parsed declared = SandboxApplied.fromLabels(labels == null ? Map.of() : labels);
        labels = declared.rest();
        sandbox = sandbox == null || sandbox.none() ? declared.sandbox() : sandbox;
        landlockRestricted = landlockRestricted == null ? declared.landlockRestricted() : landlockRestricted;
    }

    public Fingerprint(String kernel, String arch, String javaVersion, String hostname, int uid, String capEff,
                       int seccompMode, int seccompFilters, boolean noNewPrivs, int landlockAbi,
                       Boolean landlockRestricted, List<MountFacts> mounts, Map<String, String> labels) {
        this(kernel, arch, javaVersion, hostname, uid, capEff, seccompMode, seccompFilters, noNewPrivs, landlockAbi,
                landlockRestricted, mounts, labels, null, null);
    }

    /** The same fingerprint with other labels (a kernel guest's facts added), the sandbox kept. */
    public Fingerprint withLabels(Map<String, String> other) {
        return new Fingerprint(kernel, arch, javaVersion, hostname, uid, capEff, seccompMode, seccompFilters, noNewPrivs,
                landlockAbi, landlockRestricted, mounts, other, procVersion, sandbox);
    }

    /** Whether the probe ran under gVisor, whose sentry implements the syscalls instead of Linux. */
    public boolean gvisor() {
        return procVersion != null && procVersion.startsWith(GVISOR_VERSION);
    }
}
