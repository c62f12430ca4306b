package dev.fsconform.container;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.PhaseTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The container environments of `fsconform matrix`: reaps what crashed runs left, builds (or finds) the
 * images, then runs each engine's environments (the JVM's Docker engine, inner engines per driver and
 * generation, podman services per driver), engines in parallel, and removes every container, volume,
 * inner engine and podman service again. Without a reachable engine every environment is SKIPPED with one reason.
 */
public final class ContainerMatrix {
    public static final String NOT_FOUND = "Docker not found: container environments skipped";

    /**
     * @param jar the fsconform jar the probe image carries (this build)
     * @param workDir where run directories (bind mounts, the saved probe image) go
     * @param dockerHost null: fsconform.docker.host, DOCKER_HOST, the standard socket
     */
    /** @param apps {@code matrix --apps} for every environment (none, all, job ids); null: each environment's own */
    public record Options(Path jar, String only, int jobs, Path workDir, String dockerHost, Consumer<String> progress, String apps) {
    }

    /** @param engine one line about the engine used, or why none was */
    public record Report(List<EnvironmentResult> results, String engine, List<String> reaped) {
    }

    private ContainerMatrix() {
    }

    public static Report run(ContainerCatalog catalog, Options o) {
        List<ContainerEnv> chosen = catalog.select(o.only()).stream().map(e -> o.apps() == null ? e : e.withApps(o.apps())).toList();
        if (chosen.isEmpty()) {
            return new Report(List.of(), "no container environment selected", List.of());
        }
        EngineApi api;
        try {
            api = EngineApi.connect(o.dockerHost());
        } catch (EngineException e) {
            // Only a missing engine is a skip; an engine that answers but cannot be used is a set-up error.
            // The report's engine line carries the reason; the caller prints it once.
            String why = e.status() == EnvStatus.SKIPPED ? NOT_FOUND + " (" + e.getMessage() + ")" : e.getMessage();
            return new Report(all(chosen, e.status(), why), why, List.of());
        }
        String engine = "Docker " + api.version().version() + " (API " + api.apiVersion() + ") on " + api.host();
        RunId run = RunId.current();
        List<String> reaped = new ArrayList<>();
        Path runDir = o.workDir().resolve(Leftovers.RUN_DIR_PREFIX + run);
        try (Cleanup cleanup = new Cleanup(api, runDir)) {
            reaped.addAll(Leftovers.reap(api, o.workDir(), Instant.now()));
            reaped.forEach(r -> o.progress().accept("reaped " + r));
            Files.createDirectories(runDir);
            Set<String> suites = chosen.stream().filter(e -> e.generation() != null).map(e -> e.generation().suite())
                    .collect(Collectors.toCollection(TreeSet::new));
            boolean apps = chosen.stream().anyMatch(e -> e.apps() != null);
            Images images = Images.ensure(api, o.jar(), suites, apps, run, cleanup, o.progress());
            ImageTars tars = ImageTars.save(api, images, chosen.stream().filter(e -> e.engine() != EngineKind.DOCKER).toList(), runDir);
            return new Report(runEngines(api, chosen, images, tars, run, cleanup, o), engine, reaped);
        } catch (EngineException e) {
            return new Report(all(chosen, e.status(), e.getMessage()), engine, reaped);
        } catch (IOException e) {
            return new Report(all(chosen, EnvStatus.SETUP_ERROR, "cannot make " + runDir + ": " + e.getMessage()), engine, reaped);
        }
    }

    private static List<EnvironmentResult> runEngines(EngineApi api, List<ContainerEnv> chosen, Images images, ImageTars tars,
                                                      RunId run, Cleanup cleanup, Options o) throws EngineException {
        Map<String, List<ContainerEnv>> byEngine = new LinkedHashMap<>();
        chosen.forEach(e -> byEngine.computeIfAbsent(e.engineKey(), k -> new ArrayList<>()).add(e));
        PrivilegeChoice choice = new PrivilegeChoice();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(o.jobs(), byEngine.size())));
        Map<String, EnvironmentResult> done = new HashMap<>();
        try {
            List<Future<List<EnvironmentResult>>> futures = new ArrayList<>();
            for (Map.Entry<String, List<ContainerEnv>> g : byEngine.entrySet()) {
                futures.add(pool.submit(() -> runEngine(api, g.getKey(), g.getValue(), images, tars, run, choice, cleanup,
                        o.progress())));
            }
            for (Future<List<EnvironmentResult>> f : futures) {
                f.get().forEach(r -> done.put(r.name(), r));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        } catch (ExecutionException e) {
            throw new EngineException("a container environment failed unexpectedly: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return chosen.stream().map(e -> done.get(e.name())).toList();
    }

    private static List<EnvironmentResult> runEngine(EngineApi api, String name, List<ContainerEnv> envs, Images images,
                                                     ImageTars tars, RunId run, PrivilegeChoice choice, Cleanup cleanup,
                                                     Consumer<String> progress) {
        long t0 = System.nanoTime();
        Engine engine;
        ContainerEnv first = envs.get(0);
        try {
            engine = switch (first.engine()) {
                case DOCKER -> ApiEngine.docker(api, images, run, cleanup);
                case DIND -> DindEngine.start(api, envs, images, tars, run, choice, cleanup);
                case PODMAN, PODMAN_ROOTLESS -> PodmanEngine.start(envs, images, tars, run, cleanup.runDir());
            };
        } catch (EngineException e) {
            progress.accept("engine " + name + ": " + e.status() + ": " + e.getMessage());
            return envs.stream().map(env -> ContainerRun.notRun(env, e.status(), e.getMessage(), t0)).toList();
        }
        progress.accept(String.format("engine %s ready in %.1f s (%s %s)", name, (System.nanoTime() - t0) / 1e9,
                engine.labels().get(Labels.DRIVER), engine.labels().get(Labels.VERSION)));
        List<EnvironmentResult> out = new ArrayList<>();
        try (engine) {
            for (ContainerEnv env : envs) {
                EnvironmentResult r = ContainerRun.run(env, engine);
                PhaseTimings t = r.phases() == null ? PhaseTimings.NONE : r.phases();
                progress.accept(String.format("%-40s %-11s %5.1f s  %s", env.name(), r.status(), t.totalMillis() / 1000.0,
                        r.reason() != null ? r.reason() : String.format("set-up %.2f s, probe %.2f s, teardown %.2f s",
                                t.setupMillis() / 1000.0, t.probeMillis() / 1000.0, t.teardownMillis() / 1000.0)));
                out.add(r);
            }
        }
        return out;
    }

    private static List<EnvironmentResult> all(List<ContainerEnv> envs, EnvStatus status, String reason) {
        return envs.stream().map(e -> EnvironmentResult.notRun(e.name(), e.group(), e.description(), status, reason, 0)).toList();
    }
}
