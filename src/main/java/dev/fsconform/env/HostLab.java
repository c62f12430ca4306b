package dev.fsconform.env;

import dev.fsconform.result.EnvironmentResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The host lab: reaps what earlier runs left, builds the selected environments (in parallel, each
 * in its own namespaces), probes them and removes every trace again, also on Ctrl-C and SIGTERM.
 */
public final class HostLab {
    /**
     * @param runRoot where run directories go; on disk, not tmpfs, since sparse images live there
     * @param apps the app jobs for every environment ({@code --apps}), or null for each environment's own
     * @param probeThreads probe on threads of this JVM instead of a process per environment, where allowed
     * @param finished told about each environment as soon as it is done (and not after Ctrl-C)
     * @param modulesLoaded in a kernel guest, the file its init writes once all filesystem modules are
     *     loaded (see {@link ModuleGate}); null elsewhere
     */
    public record Options(Path runRoot, String only, int jobs, Launcher launcher, String apps, boolean probeThreads,
                          Consumer<EnvironmentResult> finished, Path modulesLoaded) {
        public Options(Path runRoot, String only, int jobs, Launcher launcher) {
            this(runRoot, only, jobs, launcher, null, false, r -> { }, null);
        }
    }

    /** What a run found and did; {@code host} is a one-line description of this machine. */
    public record Report(String host, boolean root, List<EnvironmentResult> results, List<String> reaped) {
    }

    private HostLab() {
    }

    /** Starts finding out what this machine offers (see {@link #run}) while the caller reads its catalogues. */
    public static void detectAhead() {
        Host.detectAhead();
    }

    /** The names --only picks, in catalogue order. */
    public static List<String> select(EnvironmentCatalog catalog, String only) {
        return new Selection(only).pick(catalog.environments()).stream().map(Environment::name).toList();
    }

    public static Report run(EnvironmentCatalog catalog, Options o, Consumer<String> progress) throws IOException {
        Host host = Host.detect();
        Milestones.mark("host detected");
        List<Environment> chosen = new Selection(o.only()).pick(catalog.environments());
        Children children = new Children();
        RunDir runDir = RunDir.create(o.runRoot());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.jobs()));
        Thread hook = new Thread(() -> {
            abandon(children, pool, runDir);
            progress.accept("fsconform matrix: interrupted; every environment was taken down and " + runDir.dir() + " removed");
        }, "fsconform-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<String> reaped = Reaper.reap(parents(o.runRoot(), catalog), runDir.dir().resolve("reaper.log"), children);
            reaped.forEach(r -> progress.accept("reaper: " + r));
            Milestones.mark("reaped");
            SeedLayers seeds = SeedLayers.write(runDir.dir().resolve("seed"));
            Milestones.mark("seed layers written");
            LabContext ctx = new LabContext(host, runDir, seeds, o.launcher(), children,
                    w -> progress.accept("warning: " + w), o.apps(), o.probeThreads());
            List<EnvironmentResult> results = runAll(chosen, ctx, pool, new Progress(chosen.size(), progress), o.finished(),
                    ModuleGate.of(o.modulesLoaded()));
            Milestones.mark("environments done");
            return new Report(describe(host), host.root(), results, reaped);
        } finally {
            pool.shutdownNow();
            List<LoopDevices.Loop> left = LoopDevices.awaitDetached(runDir.dir(), 5000);
            if (!left.isEmpty()) {
                progress.accept("warning: loop devices still attached below " + runDir.dir() + ": " + left);
            }
            runDir.delete();
            Milestones.mark("run directory removed");
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or ran: it has cleaned up already.
            }
        }
    }

    private static List<EnvironmentResult> runAll(List<Environment> envs, LabContext ctx, ExecutorService pool,
                                                  Progress progress, Consumer<EnvironmentResult> finished,
                                                  ModuleGate gate) throws IOException {
        try {
            // Started in the gate's order (the pool takes them as submitted), reported in the catalogue's.
            Map<Environment, Future<EnvironmentResult>> futures = new IdentityHashMap<>();
            for (Environment e : gate == null ? envs : gate.order(envs)) {
                futures.put(e, pool.submit(() -> {
                    if (gate != null) {
                        gate.await(e);
                    }
                    Milestones.mark(e.name() + " starts");
                    EnvironmentResult r = e.run(ctx);
                    // After Ctrl-C the killed environments would only report their killing.
                    if (ctx.children().closed()) {
                        return r;
                    }
                    try {
                        finished.accept(r);
                        Milestones.mark(e.name() + " done");
                    } catch (RuntimeException notWritten) {
                        ctx.warn(notWritten.getMessage());
                    }
                    return progress.done(r);
                }));
            }
            List<EnvironmentResult> out = new ArrayList<>();
            for (Environment e : envs) {
                out.add(futures.get(e).get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("an environment failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    /** The run root, plus every existing place an environment of the catalogue makes directories in. */
    private static Set<Path> parents(Path runRoot, EnvironmentCatalog catalog) {
        Set<Path> out = new LinkedHashSet<>();
        out.add(runRoot);
        catalog.environments().forEach(e -> {
            out.addAll(e.backend().requires().externalParents());
            if (e.sandbox().stagingParent() != null) {
                out.add(e.sandbox().stagingParent());
            }
        });
        return out;
    }

    /**
     * Ctrl-C or SIGTERM: kill every child (namespaces die with their init) and let the workers wind
     * down, so none creates a file after the run directory is gone; then remove the files.
     */
    private static void abandon(Children children, ExecutorService pool, RunDir runDir) {
        children.killAll();
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LoopDevices.awaitDetached(runDir.dir(), 5000);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                runDir.delete();
                return;
            } catch (IOException e) {
                // A worker's own teardown may be deleting the same files right now: try again.
            }
        }
    }

    private static String describe(Host h) {
        return "kernel " + h.kernel() + ", " + (h.root() ? "root" : "not root") + ", Landlock ABI "
                + (h.landlockAbi() > 0 ? h.landlockAbi() : "none") + ", user namespaces " + (h.userNamespaces() ? "yes" : "no")
                + ", " + h.cores() + " cores";
    }
}
