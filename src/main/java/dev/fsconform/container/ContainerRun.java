package dev.fsconform.container;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.PhaseTimings;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One container environment: start its container, exec the probe in it, read its results, remove it. */
final class ContainerRun {
    static final String JAR = "/opt/fsconform/fsconform.jar";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(300);
    /**
     * The probe runs for seconds, once per container: C2 compilation and a parallel GC only compete for
     * the cores (measured on 2 busy cores: 2.9-4.0 s by default, 1.7-2.5 s with these).
     */
    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ContainerRun() {
    }

    static EnvironmentResult run(ContainerEnv env, Engine engine) {
        long t0 = System.nanoTime();
        Engine.Box box;
        try {
            box = engine.start(env);
        } catch (EngineException e) {
            return notRun(env, e.status(), e.getMessage(), t0);
        }
        long t1 = System.nanoTime();
        long t2;
        EnvironmentResult result;
        try (box) {
            Map<String, String> engineLabels = new LinkedHashMap<>(engine.labels());
            engineLabels.put(Labels.IMAGE, engine.image(env));
            ExecResult r = box.exec(argv(env, engineLabels), PROBE_TIMEOUT);
            t2 = System.nanoTime();
            if (!r.ok()) {
                return notRun(env, EnvStatus.SETUP_ERROR, "probe exited " + r.exitCode() + " in the container: " + r.lastLine(), t0);
            }
            ResultsFile file = ResultsJson.read(r.stdout(), "probe output in " + env.name());
            if (file.environments().size() != 1) {
                return notRun(env, EnvStatus.SETUP_ERROR, "probe printed " + file.environments().size() + " environments", t0);
            }
            result = file.environments().get(0);
        } catch (EngineException e) {
            return notRun(env, e.status(), e.getMessage(), t0);
        } catch (InvalidResultsException e) {
            return notRun(env, EnvStatus.SETUP_ERROR, e.getMessage(), t0);
        }
        long t3 = System.nanoTime();
        return result.withPhases(new PhaseTimings(ms(t1 - t0), ms(t2 - t1), ms(t3 - t2)));
    }

    /** The probe's command line in the container: results as JSON on stdout, described by labels. */
    static List<String> argv(ContainerEnv env, Map<String, String> engineLabels) {
        List<String> a = new ArrayList<>(List.of("java"));
        a.addAll(JVM_FLAGS);
        a.addAll(List.of("-jar", JAR, "probe", env.mount().primary()));
        if (env.mount().second() != null) {
            a.add("--second");
            a.add(env.mount().second());
        }
        a.addAll(List.of("--name", env.name(), "--json", "-", "--apps", env.apps() == null ? "none" : env.apps()));
        // One worker: lanes already run containers side by side.
        a.addAll(List.of("--jobs", "1"));
        for (Map.Entry<String, String> l : labels(env, engineLabels).entrySet()) {
            a.add("--label");
            a.add(l.getKey() + "=" + l.getValue());
        }
        return a;
    }

    static Map<String, String> labels(ContainerEnv env, Map<String, String> engineLabels) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("group", env.group());
        l.put("description", env.description());
        l.putAll(engineLabels);
        if (env.runtime() != null && !env.engine().podman()) {
            l.put(Labels.RUNTIME, env.runtime());
        }
        l.put(Labels.SECCOMP, SeccompOption.describe(env));
        l.put(Labels.MOUNT, env.mount().id());
        return l;
    }

    static EnvironmentResult notRun(ContainerEnv env, EnvStatus status, String reason, long t0) {
        return EnvironmentResult.notRun(env.name(), env.group(), env.description(), status, reason, ms(System.nanoTime() - t0));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
