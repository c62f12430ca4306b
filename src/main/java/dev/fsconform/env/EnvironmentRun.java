package dev.fsconform.env;

import dev.fsconform.app.AppJobs;
import dev.fsconform.probe.ProbeConfig;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.PhaseTimings;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One environment, start to end: check, set up, probe, tear down, and time each phase. */
final class EnvironmentRun {
    /** `fsconform sandbox` exits 125 when it cannot apply the sandbox (env(1) conventions). */
    private static final int SANDBOX_NOT_APPLICABLE = 125;
    /** How the probe ran: on a thread of the host lab ({@link ProbeThread}) or as a process of its own. */
    static final String PROBE_LABEL = "lab.probe";
    private final Environment env;
    private final LabContext ctx;
    private long setupMillis;
    private long probeMillis;
    private long teardownMillis;
    private boolean setUp;

    private EnvironmentRun(Environment env, LabContext ctx) {
        this.env = env;
        this.ctx = ctx;
    }

    static EnvironmentResult run(Environment env, LabContext ctx) {
        String unavailable = env.unavailable(ctx.host());
        if (unavailable != null) {
            return notRun(env, EnvStatus.SKIPPED, unavailable).withPhases(PhaseTimings.NONE);
        }
        return new EnvironmentRun(env, ctx).go();
    }

    private EnvironmentResult go() {
        Path dir = ctx.runDir().dir().resolve("envs").resolve(env.name());
        Deadline deadline = Deadline.in(env.timeoutSeconds());
        Enclave enclave = null;
        Lab lab = null;
        EnvironmentResult result = null;
        long t0 = System.nanoTime();
        // The daemon is started by this thread's mount, the probe's thread by this thread: both inherit the pin.
        CpuPin pin = env.backend().requires().filesystems().contains("fuse") ? CpuPin.here() : null;
        try {
            Files.createDirectories(dir);
            Backend backend = env.backend();
            boolean userns = backend.requires().userNamespace();
            if (ctx.host().root() || userns) {
                enclave = Enclave.open(userns, dir.resolve("enclave.log"), ctx.children());
            }
            lab = new Lab(dir, ctx.seedLayers(), ctx.host(), enclave, ctx.runDir(), deadline, ctx.children());
            Mounted m = backend.setUp(lab, "fs", true);
            setupMillis = millisSince(t0);
            setUp = true;
            Milestones.mark(env.name() + " set up");
            long t1 = System.nanoTime();
            result = probe(lab, enclave, m, Files.createDirectories(dir.resolve("out")));
            probeMillis = millisSince(t1);
        } catch (EnvFailure f) {
            phaseFailed(t0);
            result = notRun(env, f.status(), f.getMessage());
        } catch (IOException | RuntimeException e) {
            phaseFailed(t0);
            result = notRun(env, EnvStatus.SETUP_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            teardownMillis = tearDown(enclave, dir, lab == null ? List.of() : lab.externalDirs());
            if (pin != null) {
                pin.close();
            }
        }
        return result.withPhases(new PhaseTimings(setupMillis, probeMillis, teardownMillis));
    }

    /**
     * Runs the probe under the sandbox, if any: on a thread of this JVM when the run asks for it and
     * the environment allows it ({@link ProbeThread}), else as a process with its results on standard
     * output. Both see the same directories, labels, rights and namespace.
     */
    private EnvironmentResult probe(Lab lab, Enclave enclave, Mounted m, Path out) throws IOException, EnvFailure {
        Launcher launcher = ctx.launcher();
        Path tmp;
        Path stagingParent = env.sandbox().stagingParent();
        if (stagingParent != null) {
            // The run directory may be out of the sandbox's sight: the jar and its temporary directory
            // go where it shows them.
            Path staged = lab.externalDir(stagingParent);
            launcher = launcher.withJar(Files.copy(launcher.jar(), staged.resolve("fsconform.jar")));
            tmp = Files.createDirectories(staged.resolve("tmp"));
        } else {
            tmp = Files.createDirectories(out.resolve("tmp"));
        }
        Path second = m.second() != null ? m.second() : env.sandbox().ownTmpfs() != null ? Path.of(env.sandbox().ownTmpfs()) : null;
        Map<String, String> labels = new LinkedHashMap<>(env.labels());
        if (env.backend().requires().filesystems().contains("overlay")) {
            ctx.host().overlayDefaults().forEach((k, v) -> labels.put("kernel.overlay." + k, v));
        }
        labels.putAll(m.facts());
        List<Path> writable = new ArrayList<>(List.of(m.dir(), stagingParent != null ? tmp.getParent() : tmp));
        if (m.second() != null) {
            writable.add(m.second());
        }
        boolean thread = ctx.probeThreads() && ProbeThread.fits(env.sandbox(), enclave);
        labels.put(PROBE_LABEL, thread ? "thread" : "process");
        EnvironmentResult r = thread
                ? ProbeThread.run(ProbeConfig.full(m.dir(), second, null, env.name(), labels).withApps(AppJobs.select(ctx.appsFor(env))),
                        enclave, env.sandbox(), writable, lab.deadline(), env.name())
                : probeProcess(lab, launcher, tmp, m.dir(), second, labels, writable, out.resolve("probe.json"));
        return new EnvironmentResult(env.name(), env.group(), env.description(), r.status(), r.reason(),
                r.fingerprint(), r.durationMillis(), r.cells());
    }

    private EnvironmentResult probeProcess(Lab lab, Launcher launcher, Path tmp, Path dir, Path second, Map<String, String> labels,
                                           List<Path> writable, Path json) throws IOException, EnvFailure {
        List<String> probe = new ArrayList<>(launcher.fsconform(tmp));
        probe.addAll(List.of("probe", dir.toString()));
        if (second != null) {
            probe.addAll(List.of("--second", second.toString()));
        }
        // One worker: lanes already run environments side by side.
        probe.addAll(List.of("--name", env.name(), "--json", "-", "--quiet", "--jobs", "1", "--apps", ctx.appsFor(env)));
        for (Map.Entry<String, String> l : labels.entrySet()) {
            probe.addAll(List.of("--label", l.getKey() + "=" + l.getValue()));
        }
        Exec.Outcome o = lab.exec("probe", env.sandbox().wrap(launcher.fsconform(tmp), writable, probe), json);
        if (!env.sandbox().none() && o.exitCode() == SANDBOX_NOT_APPLICABLE) {
            // The wrapper could not apply the policy here (no such Landlock right on this kernel, ...).
            throw EnvFailure.skipped("the sandbox cannot be applied here: " + o.lastLine());
        }
        if (!o.ok() || Files.size(json) == 0) {
            throw EnvFailure.setupError("probe" + (env.sandbox().none() ? "" : " under its sandbox") + " failed: " + o.lastLine());
        }
        try {
            return ResultsJson.read(json).environments().get(0);
        } catch (InvalidResultsException | IndexOutOfBoundsException e) {
            throw EnvFailure.setupError("probe wrote unusable results: " + e.getMessage());
        }
    }

    private void phaseFailed(long t0) {
        if (!setUp) {
            setupMillis = millisSince(t0);
        } else {
            probeMillis = millisSince(t0) - setupMillis;
        }
    }

    /** Ends the namespaces (taking every mount with them), waits for autoclear, removes the files. */
    private long tearDown(Enclave enclave, Path dir, List<Path> external) {
        long t = System.nanoTime();
        if (enclave != null) {
            enclave.close();
        }
        List<LoopDevices.Loop> left = LoopDevices.awaitDetached(dir, 5000);
        try {
            for (LoopDevices.Loop l : left) {
                LoopDevices.detach(l, Deadline.in(10), ctx.runDir().dir().resolve("losetup.log"), ctx.children());
            }
            RunDir.deleteTree(dir);
            for (Path d : external) {
                RunDir.deleteTree(d);
            }
        } catch (IOException | EnvFailure e) {
            ctx.warn(env.name() + ": clean-up incomplete (" + e.getMessage() + "); the next run will reap it");
        }
        return millisSince(t);
    }

    private static EnvironmentResult notRun(Environment e, EnvStatus status, String reason) {
        return EnvironmentResult.notRun(e.name(), e.group(), e.description(), status, reason, 0);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
