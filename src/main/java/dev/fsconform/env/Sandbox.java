package dev.fsconform.env;

import dev.fsconform.input.Quote;
import dev.fsconform.result.SandboxApplied;
import dev.fsconform.sandbox.Landlock;
import dev.fsconform.sandbox.LandlockPolicy;
import dev.fsconform.sandbox.SeccompPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Restrictions applied to the probe process itself, by name of a policy preset of the
 * {@code fsconform sandbox} wrapper: a Landlock policy, a seccomp policy, or both. Neither needs root.
 * {@code runtime: runsc} runs the probe in gVisor instead ({@code runsc --network=none do}), on the
 * host's root as gVisor presents it.
 */
record Sandbox(String landlock, String seccomp, String runtime) {
    static final Sandbox NONE = new Sandbox(null, null, null);
    static final String RUNSC = "runsc";

    Sandbox {
        if (landlock != null && !LandlockPolicy.presets().contains(landlock)) {
            throw new IllegalArgumentException("landlock must be a policy preset, one of " + String.join(", ", LandlockPolicy.presets())
                    + " (got " + Quote.of(landlock) + ")");
        }
        if (seccomp != null && !SeccompPolicy.presets().contains(seccomp)) {
            throw new IllegalArgumentException("seccomp must be a policy preset, one of " + String.join(", ", SeccompPolicy.presets())
                    + " (got " + Quote.of(seccomp) + ")");
        }
        if (runtime != null && !RUNSC.equals(runtime)) {
            throw new IllegalArgumentException("runtime must be runsc (got " + Quote.of(runtime) + ")");
        }
    }

    boolean none() {
        return landlock == null && seccomp == null && runtime == null;
    }

    /**
     * What this sandbox applies, for the fingerprint: a Landlock-restricted process cannot tell from
     * inside, so the lab declares it. What the preset does with REFER is read from the preset itself.
     */
    SandboxApplied applied() {
        SandboxApplied.Landlock ll = null;
        if (landlock != null) {
            ll = new SandboxApplied.Landlock(landlock, refer(LandlockPolicy.parse(landlock, List.of(Path.of("/")))));
        }
        return new SandboxApplied(ll, seccomp, runtime);
    }

    /** A best-effort ruleset keeps REFER only where the running kernel has it (ABI 2 and later). */
    private static SandboxApplied.Refer refer(LandlockPolicy p) {
        if (!p.handles(LandlockPolicy.Access.REFER)) {
            return SandboxApplied.Refer.NOT_HANDLED;
        }
        if (!p.grants(LandlockPolicy.Access.REFER)) {
            return SandboxApplied.Refer.DENIED;
        }
        return p.degrades() && Landlock.abi() < LandlockPolicy.Access.REFER.sinceAbi() ? SandboxApplied.Refer.DROPPED
                : SandboxApplied.Refer.GRANTED;
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
