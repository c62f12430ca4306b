package dev.fsconform.sandbox;

import dev.fsconform.sys.LandlockAbi;
import dev.fsconform.sys.NativeUnavailableException;
import dev.fsconform.sys.ProcStatus;
import java.util.Optional;

/**
 * The sandbox fingerprint of the calling thread, for the probe's report.
 *
 * @param landlockAbi              running Landlock ABI, or -1 (then {@code landlockUnavailable} says why)
 * @param landlockUnavailable      null when Landlock is available
 * @param seccompMode              0 none, 1 strict, 2 filter; -1 if /proc could not be read
 * @param seccompFilters           filters attached to this thread; -1 if the kernel does not say (&lt; 5.9)
 * @param noNewPrivs               null if /proc could not be read
 * @param landlockRestricted       true/false only when known for sure; null means unknown
 * @param landlockRestrictedReason how {@code landlockRestricted} was decided, or why it is unknown
 */
public record SandboxState(int landlockAbi, String landlockUnavailable, int seccompMode, int seccompFilters,
        Boolean noNewPrivs, Boolean landlockRestricted, String landlockRestrictedReason) {

    /**
     * Reads /proc/thread-self/status rather than /proc/self/status: the latter shows the main
     * thread, while no_new_privs and Landlock are per thread (only seccomp TSYNC covers all).
     */
    public static SandboxState current() {
        LandlockAbi abi = null;
        String unavailable;
        try {
            abi = Landlock.probe();
            unavailable = abi.reason();
        } catch (NativeUnavailableException e) {
            unavailable = "native calls unavailable: " + e.getMessage();
        }
        int version = abi != null && abi.available() ? abi.version() : -1;
        ProcStatus status = ProcStatus.thread();
        int mode = status.numberOr("Seccomp");
        int filters = status.numberOr("Seccomp_filters");
        Boolean nnp = status.flag("NoNewPrivs").orElse(null);
        Optional<String> applied = Landlock.appliedHere();
        if (applied.isPresent()) {
            return new SandboxState(version, unavailable, mode, filters, nnp, true,
                    "this thread (or the thread that created it) ran Landlock.restrictSelf(" + applied.get() + ")");
        }
        if (abi != null && abi.disabledAtBoot()) {
            return new SandboxState(version, unavailable, mode, filters, nnp, false,
                    "Landlock is not enabled on this kernel, so no domain can exist");
        }
        return new SandboxState(version, unavailable, mode, filters, nnp, null,
                "not detectable: Linux exposes no per-thread Landlock state (no /proc status field, no LSM"
                        + " attribute, no query syscall as of ABI 7); only a denied access would reveal a domain");
    }
}
