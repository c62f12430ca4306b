package dev.fsconform.env;

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
        try {
            Files.createDirectories(dir);
            Backend backend = env.backend();
            if (ctx.host().root() || backend.userNamespace()) {
                enclave = Enclave.open(backend.userNamespace(), dir.resolve("enclave.log"), ctx.children());
            }
            lab = new Lab(dir, ctx.seedLayers(), ctx.host(), enclave, ctx.runDir(), deadline, ctx.children());
            Mounted m = backend.setUp(lab, "fs", true);
            setupMillis = millisSince(t0);
            setUp = true;
            long t1 = System.nanoTime();
            result = probe(lab, m, Files.createDirectories(dir.resolve("out")));
            probeMillis = millisSince(t1);
        } catch (EnvFailure f) {
            phaseFailed(t0);
            result = notRun(env, f.status(), f.getMessage());
        } catch (IOException | RuntimeException e) {
            phaseFailed(t0);
            result = notRun(env, EnvStatus.SETUP_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            teardownMillis = tearDown(enclave, dir, lab == null ? List.of() : lab.externalDirs());
        }
        return result.withPhases(new PhaseTimings(setupMillis, probeMillis, teardownMillis));
    }

    /** Runs the probe (under the sandbox, if any) with its results on standard output. */
    private EnvironmentResult probe(Lab lab, Mounted m, Path out) throws IOException, EnvFailure {
        Path json = out.resolve("probe.json");
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
        List<String> probe = new ArrayList<>(launcher.fsconform(tmp));
        probe.addAll(List.of("probe", m.dir().toString()));
        if (m.second() != null) {
            probe.addAll(List.of("--second", m.second().toString()));
        } else if (env.sandbox().ownTmpfs() != null) {
            probe.addAll(List.of("--second", env.sandbox().ownTmpfs()));
        }
        probe.addAll(List.of("--name", env.name(), "--json", "-", "--quiet", "--apps", ctx.appsFor(env)));
        Map<String, String> labels = new LinkedHashMap<>(env.labels());
        if (env.backend().filesystems().contains("overlay")) {
            ctx.host().overlayDefaults().forEach((k, v) -> labels.put("kernel.overlay." + k, v));
        }
        for (Map.Entry<String, String> l : labels.entrySet()) {
            probe.addAll(List.of("--label", l.getKey() + "=" + l.getValue()));
        }
        List<Path> writable = new ArrayList<>(List.of(m.dir(), stagingParent != null ? tmp.getParent() : tmp));
        if (m.second() != null) {
            writable.add(m.second());
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
            EnvironmentResult r = ResultsJson.read(json).environments().get(0);
            return new EnvironmentResult(env.name(), env.group(), env.description(), r.status(), r.reason(),
                    r.fingerprint(), r.durationMillis(), r.cells());
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
