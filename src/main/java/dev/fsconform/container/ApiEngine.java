package dev.fsconform.container;

import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Probe containers made through an engine's API socket with the docker-java client: the Docker engine
 * the JVM talks to, or a podman service ({@link PodmanEngine}). The same calls serve both.
 */
final class ApiEngine implements Engine {
    private final EngineApi api;
    private final Images images;
    private final RunId run;
    private final Cleanup cleanup;
    private final Map<String, Long> ulimits;
    private final Map<String, String> labels = new LinkedHashMap<>();

    /**
     * @param engine what the {@code docker.engine} label says about it
     * @param privilege what the {@code docker.privileged} label says
     * @param ulimits explicit limits for every container (podman on hosts whose root may not raise them)
     */
    ApiEngine(EngineApi api, Images images, RunId run, Cleanup cleanup, String engine, String privilege, Map<String, Long> ulimits)
            throws EngineException {
        this.api = api;
        this.images = images;
        this.run = run;
        this.cleanup = cleanup;
        this.ulimits = Map.copyOf(ulimits);
        labels.put(Labels.ENGINE, engine);
        labels.put(Labels.VERSION, api.version().version());
        labels.put(Labels.DRIVER, api.storageDriver());
        labels.put(Labels.API, api.apiVersion());
        labels.put(Labels.PRIVILEGED, privilege);
        labels.put(Labels.RUNTIME, "the engine's default");
    }

    /** The Docker engine the JVM talks to. */
    static ApiEngine docker(EngineApi api, Images images, RunId run, Cleanup cleanup) throws EngineException {
        return new ApiEngine(api, images, run, cleanup, "docker (" + api.host() + ")", "unprivileged (no inner engine)", Map.of());
    }

    /** Replaces what a label says, for engines that know better than the API tells (podman's driver). */
    void label(String key, String value) {
        labels.put(key, value);
    }

    @Override
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public String image(ContainerEnv env) {
        return images.probeFor(env);
    }

    @Override
    public Box start(ContainerEnv env) throws EngineException {
        Map<String, String> owner = Labels.owner(run, env.name());
        ContainerSpec spec = ContainerSpec.of(image(env), List.of("sleep", String.valueOf(LIFETIME_SECONDS)), owner);
        String volume = null;
        Path bind = null;
        List<String> binds = new ArrayList<>();
        switch (env.mount()) {
            case BIND:
                bind = bindDir(env);
                binds.add(bind + ":" + env.mount().target());
                break;
            case VOLUME:
                volume = "fsconform-" + run + "-" + env.name();
                api.volumes().create(volume, owner);
                cleanup.volume(volume);
                binds.add(volume + ":" + env.mount().target());
                break;
            case TMPFS:
                spec = spec.withTmpfs(Map.of(env.mount().target(), ""));
                break;
            default:
                break;
        }
        spec = spec.withBinds(binds).withSecurityOpts(securityOpts(env)).withUlimits(ulimits).withRuntime(env.runtime());
        String id = null;
        try {
            id = api.create(spec);
            cleanup.container(id);
            api.start(id);
            return new ApiBox(id, volume, bind);
        } catch (EngineException e) {
            new ApiBox(id, volume, bind).close();
            if (env.runtime() != null && e.getMessage().contains("runtime")) {
                // Docker: "unknown or invalid runtime name: runsc": a fact of this machine, not a failure.
                throw new EngineException("the engine has no usable runtime '" + env.runtime() + "' ("
                        + e.getMessage() + "); for runsc, matrix/gvisor/install-runsc.sh registers it", EnvStatus.SKIPPED);
            }
            throw e;
        }
    }

    private Path bindDir(ContainerEnv env) throws EngineException {
        try {
            return Files.createDirectories(cleanup.runDir().resolve("bind-" + env.name()));
        } catch (IOException e) {
            throw new EngineException("cannot make the bind directory: " + e.getMessage());
        }
    }

    static List<String> securityOpts(ContainerEnv env) throws EngineException {
        switch (env.seccomp()) {
            case ContainerEnv.DEFAULT_SECCOMP: return List.of();
            case ContainerEnv.UNCONFINED: return List.of("seccomp=unconfined");
            // The API takes the profile itself; only the CLI reads files.
            default: return List.of("seccomp=" + SeccompOption.profile(env.seccomp()));
        }
    }

    @Override
    public void close() {
        // Nothing of its own: the engine outlives the run.
    }

    private final class ApiBox implements Box {
        private final String id;
        private final String volume;
        private final Path bind;

        ApiBox(String id, String volume, Path bind) {
            this.id = id;
            this.volume = volume;
            this.bind = bind;
        }

        @Override
        public ExecResult exec(List<String> argv, Duration timeout) throws EngineException {
            return api.io().exec(id, argv, timeout);
        }

        @Override
        public void close() {
            if (id != null) {
                cleanup.removeContainer(id);
            }
            if (volume != null) {
                cleanup.removeVolume(volume);
            }
            Cleanup.deleteTree(bind);
        }
    }
}
