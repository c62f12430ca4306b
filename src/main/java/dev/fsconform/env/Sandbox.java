package dev.fsconform.env;

import dev.fsconform.input.Quote;
import dev.fsconform.result.SandboxApplied;
import dev.fsconform.sandbox.Landlock;
import dev.fsconform.sandbox.LandlockPolicy;
import dev.fsconform.sandbox.SeccompPolicy;
import dev.fsconform.sandbox.Preset;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Restrictions applied to the probe process itself, by name of a policy preset of the
 * {@code fsconform sandbox} wrapper: a Landlock policy, a seccomp policy, or both. Neither needs root.
 * {@code runtime: runsc} runs the probe in gVisor instead ({@code runsc --network=none do}), on the
 * host's root as gVisor presents it. {@code runtime: bwrap} and {@code runtime: firejail} run it under
 * bubblewrap or firejail with the profile their users typically run (the prefixes of
 * {@code validate --preset}); each brings a tmpfs of its own, which becomes the second directory.
 */
record Sandbox(String landlock, String seccomp, String runtime) {
    static final String RUNSC = "runsc";
    static final String BWRAP = Preset.BWRAP.id();
    static final String FIREJAIL = Preset.FIREJAIL.id();
    /** The tmpfs each of these sandboxes mounts for itself: the second directory of its environments. */
    private static final Map<String, String> OWN_TMPFS = Map.of(BWRAP, "/tmp", FIREJAIL, "/var/tmp");
    static final Sandbox NONE = new Sandbox(null, null, null);

    Sandbox {
        if (landlock != null && !LandlockPolicy.presets().contains(landlock)) {
            throw new IllegalArgumentException("landlock must be a policy preset, one of " + String.join(", ", LandlockPolicy.presets())
                    + " (got " + Quote.of(landlock) + ")");
        }
        if (seccomp != null && !SeccompPolicy.presets().contains(seccomp)) {
            throw new IllegalArgumentException("seccomp must be a policy preset, one of " + String.join(", ", SeccompPolicy.presets())
                    + " (got " + Quote.of(seccomp) + ")");
        }
        boolean own = runtime != null && OWN_TMPFS.containsKey(runtime);
        if (runtime != null && !RUNSC.equals(runtime) && !own) {
            throw new IllegalArgumentException("runtime must be runsc, bwrap or firejail (got " + Quote.of(runtime) + ")");
        }
        if (own && (landlock != null || seccomp != null)) {
            throw new IllegalArgumentException("runtime " + runtime + " brings its own profile: no landlock or seccomp with it");
        }
    }

    /** The sandbox's own tmpfs, probed as the second directory, or null. */
    String ownTmpfs() {
        return runtime == null ? null : OWN_TMPFS.get(runtime);
    }

    /**
     * Where the probe's jar and temporary directory are staged so that the sandbox shows them, or null
     * when the run directory will do. bubblewrap hides /tmp and /dev (the staged directory is bound back
     * in); firejail's default profile hides /tmp, /var/tmp, /dev/shm, /root and /home and offers no bind,
     * but leaves the root filesystem's /srv visible and writable.
     */
    Path stagingParent() {
        return BWRAP.equals(runtime) ? Path.of("/dev/shm") : FIREJAIL.equals(runtime) ? Path.of("/srv") : null;
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
        if (RUNSC.equals(runtime)) {
            if (Tool.RUNSC.locate().isEmpty()) {
                return "needs gVisor's runsc: " + Tool.missing(List.of(Tool.RUNSC)) + "; matrix/gvisor/install-runsc.sh installs it";
            }
            if (!host.root()) {
                return "runsc do needs root here";
            }
        }
        if (BWRAP.equals(runtime) || FIREJAIL.equals(runtime)) {
            Tool tool = BWRAP.equals(runtime) ? Tool.BWRAP : Tool.FIREJAIL;
            if (tool.locate().isEmpty()) {
                return Tool.missing(List.of(tool));
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
        if (BWRAP.equals(runtime)) {
            // validate --preset bwrap's profile, and the directories a user binds in (the workspace is
            // bound after --tmpfs /tmp and --dev /dev, so it is seen wherever it lives).
            List<String> argv = new ArrayList<>(Preset.BWRAP.words());
            argv.set(0, Tool.BWRAP.path());
            for (Path d : writable) {
                argv.addAll(List.of("--bind", d.toString(), d.toString()));
            }
            argv.add("--");
            argv.addAll(command);
            return argv;
        }
        if (FIREJAIL.equals(runtime)) {
            // validate --preset firejail: the default profile, which offers no way to bind a directory
            // back in; the lab stages everything under /srv (stagingParent), which the profile leaves visible.
            List<String> argv = new ArrayList<>(Preset.FIREJAIL.words());
            argv.set(0, Tool.FIREJAIL.path());
            argv.add("--");
            argv.addAll(command);
            return argv;
        }
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
