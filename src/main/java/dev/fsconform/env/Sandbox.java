package dev.fsconform.env;

import dev.fsconform.input.Quote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restrictions applied to the probe process itself, by name of a policy preset of the
 * {@code fsconform sandbox} wrapper: a Landlock policy, a seccomp policy, or both. Neither needs root.
 * {@code runtime: runsc} runs the probe in gVisor instead ({@code runsc --network=none do}), on the
 * host's root as gVisor presents it.
 */
record Sandbox(String landlock, String seccomp, String runtime) {
    static final Sandbox NONE = new Sandbox(null, null, null);
    static final String RUNSC = "runsc";
    private static final String NAME = "[a-z0-9][a-z0-9-]*";
    /** What each preset of `fsconform sandbox` does with REFER (LandlockPolicy in dev.fsconform.sandbox). */
    private static final Map<String, String> REFER = Map.of("refer", "granted", "agent-refer", "granted",
            "no-refer", "denied", "agent", "denied", "abi1", "not handled (ABI 1 ruleset)");

    Sandbox {
        if (landlock != null && !landlock.matches(NAME)) {
            throw new IllegalArgumentException("sandbox.landlock must be a policy name like no-refer (got " + Quote.of(landlock) + ")");
        }
        if (seccomp != null && !seccomp.matches(NAME)) {
            throw new IllegalArgumentException("sandbox.seccomp must be a policy name like renameat2-enosys (got " + Quote.of(seccomp) + ")");
        }
        if (runtime != null && !RUNSC.equals(runtime)) {
            throw new IllegalArgumentException("sandbox.runtime must be runsc (got '" + runtime + "')");
        }
    }

    /** A best-effort ruleset grants REFER only where the running kernel has it (ABI 2 and later). */
    private static String bestEffortRefer() {
        int abi = dev.fsconform.sandbox.Landlock.abi();
        return abi >= 2 ? "granted" : "dropped (best effort: Landlock ABI " + abi + " has no REFER)";
    }

    boolean none() {
        return landlock == null && seccomp == null && runtime == null;
    }

    /**
     * Labels for the fingerprint. A Landlock-restricted process cannot tell from inside, so the lab
     * declares it in the keys cause attribution reads (landlock.policy, landlock.refer, landlock.restricted).
     */
    Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        if (landlock != null) {
            l.put("sandbox.landlock", landlock);
            l.put("landlock.restricted", "true");
            l.put("landlock.policy", landlock);
            l.put("landlock.refer", dev.fsconform.sandbox.LandlockPolicy.BEST_EFFORT.equals(landlock) ? bestEffortRefer()
                    : REFER.getOrDefault(landlock, "unknown"));
        }
        if (seccomp != null) {
            l.put("sandbox.seccomp", seccomp);
        }
        if (runtime != null) {
            l.put("sandbox.runtime", runtime);
        }
        return l;
    }

    /** Why this machine or build cannot apply it, or null. */
    String unavailable(Host host) {
        if (none()) {
            return null;
        }
        if (runtime != null) {
            if (Tool.RUNSC.locate().isEmpty()) {
                return "needs gVisor's runsc: " + Tool.missing(List.of(Tool.RUNSC)) + "; matrix/gvisor/install-runsc.sh installs it";
            }
            if (!host.root()) {
                return "runsc do needs root here";
            }
        }
        if (landlock != null && host.landlockAbi() < 1) {
            return "the kernel offers no Landlock (landlock_create_ruleset: " + dev.fsconform.sys.Errno.of(-host.landlockAbi()).name() + ")";
        }
        if (seccomp != null && !host.seccomp()) {
            return "the kernel offers no seccomp filters";
        }
        return null;
    }

    /** The command that runs {@code command} under this sandbox: fsconform sandbox [...] -- command. */
    List<String> wrap(List<String> fsconform, List<Path> writable, List<String> command) {
        if (runtime != null) {
            // runsc's gofer re-executes /proc/self/exe, which fails with EPERM in the lab's PID namespace
            // under the host's /proc: it gets a PID namespace whose /proc is its own.
            List<String> argv = new ArrayList<>(List.of(Tool.UNSHARE.path(), "--pid", "--fork", "--mount", "--mount-proc",
                    "--kill-child", Tool.RUNSC.locate().map(Path::toString).orElse(RUNSC), "--network=none", "do", "--"));
            argv.addAll(new Sandbox(landlock, seccomp, null).wrap(fsconform, writable, command));
            return argv;
        }
        if (none()) {
            return command;
        }
        List<String> argv = new ArrayList<>(fsconform);
        argv.add("sandbox");
        if (landlock != null) {
            argv.addAll(List.of("--landlock", landlock));
            for (Path d : writable) {
                argv.addAll(List.of("--rw", d.toString()));
            }
        }
        if (seccomp != null) {
            argv.addAll(List.of("--seccomp", seccomp));
        }
        argv.add("--");
        argv.addAll(command);
        return argv;
    }
}
