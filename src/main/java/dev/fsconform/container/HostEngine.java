package dev.fsconform.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine the JVM talks to: probe containers made through the docker-java client. */
final class HostEngine implements Engine {
    private final Docker docker;
    private final String image;
    private final RunId run;
    private final Cleanup cleanup;
    private final Map<String, String> labels = new LinkedHashMap<>();

    HostEngine(Docker docker, String image, RunId run, Cleanup cleanup) throws EngineException {
        this.docker = docker;
        this.image = image;
        this.run = run;
        this.cleanup = cleanup;
        labels.put(Labels.ENGINE, "host (" + docker.host() + ")");
        labels.put(Labels.VERSION, docker.version().version());
        labels.put(Labels.DRIVER, docker.storageDriver());
        labels.put(Labels.API, docker.apiVersion());
        labels.put(Labels.PRIVILEGED, "unprivileged (no inner engine)");
        labels.put(Labels.IMAGE, image);
    }

    @Override
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public Box start(ContainerEnv env) throws EngineException {
        Map<String, String> owner = Labels.owner(run, env.name());
        ContainerSpec spec = ContainerSpec.of(image, List.of("sleep", String.valueOf(LIFETIME_SECONDS)), owner);
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
                docker.volumes().create(volume, owner);
                cleanup.volume(volume);
                binds.add(volume + ":" + env.mount().target());
                break;
            case TMPFS:
                spec = spec.withTmpfs(Map.of(env.mount().target(), ""));
                break;
            default:
                break;
        }
        spec = spec.withBinds(binds).withSecurityOpts(securityOpts(env));
        String id = null;
        try {
            id = docker.create(spec);
            cleanup.container(id);
            docker.start(id);
            return new HostBox(id, volume, bind);
        } catch (EngineException e) {
            new HostBox(id, volume, bind).close();
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
            default: return List.of("seccomp=" + Seccomp.profile(env.seccomp()));
        }
    }

    @Override
    public void close() {
        // Nothing of its own: the engine outlives the run.
    }

    private final class HostBox implements Box {
        private final String id;
        private final String volume;
        private final Path bind;

        HostBox(String id, String volume, Path bind) {
            this.id = id;
            this.volume = volume;
            this.bind = bind;
        }

        @Override
        public ExecResult exec(List<String> argv, Duration timeout) throws EngineException {
            return docker.io().exec(id, argv, timeout);
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
