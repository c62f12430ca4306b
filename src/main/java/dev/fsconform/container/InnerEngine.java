package dev.fsconform.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inner Docker engine on one storage driver, in a container of the fsconform/dind image. The probe
 * image is copied in (docker save/load: there is no registry) and probe containers run in the inner
 * engine through its own docker CLI, by exec into the dind container.
 */
final class InnerEngine implements Engine {
    private static final Duration CLI = Duration.ofSeconds(120);
    private static final String TAR = "/tmp/fsconform-probe.tar";

    private final Docker docker;
    private final String id;
    private final String image;
    private final RunId run;
    private final Cleanup cleanup;
    private final Map<String, String> labels = new LinkedHashMap<>();

    private InnerEngine(Docker docker, String id, String image, RunId run, Cleanup cleanup) {
        this.docker = docker;
        this.id = id;
        this.image = image;
        this.run = run;
        this.cleanup = cleanup;
    }

    /** Starts the dind container, waits for its engine and loads the probe image (saved in {@code probeTar}). */
    static InnerEngine start(Docker docker, String driver, Images images, Path probeTar, RunId run, PrivilegeChoice choice,
                             Cleanup cleanup) throws EngineException {
        Dind.Started d = Dind.start(docker, driver, images.dind(), run, choice, cleanup);
        InnerEngine e = new InnerEngine(docker, d.id(), images.probe(), run, cleanup);
        try {
            e.describe(d.privilege());
            e.load(probeTar);
            return e;
        } catch (EngineException failed) {
            e.close();
            throw failed;
        }
    }

    private void describe(Privilege p) throws EngineException {
        String[] v = cli(List.of("docker", "version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}")).strip().split(" ");
        labels.put(Labels.ENGINE, "inner engine in " + docker.host() + " container " + Docker.shortId(id));
        labels.put(Labels.VERSION, v[0]);
        labels.put(Labels.DRIVER, cli(List.of("docker", "info", "--format", "{{.Driver}}")).strip());
        labels.put(Labels.API, v.length > 1 ? v[1] + " (inner docker CLI)" : "unknown");
        labels.put(Labels.PRIVILEGED, p.note());
        labels.put(Labels.IMAGE, image);
    }

    private void load(Path probeTar) throws EngineException {
        docker.io().copyInto(id, probeTar, "/tmp", TAR.substring("/tmp/".length()));
        cli(List.of("docker", "load", "-q", "-i", TAR));
        cli(List.of("rm", "-f", TAR));
    }

    /** Runs a command in the dind container; fails with its last output line. */
    private String cli(List<String> argv) throws EngineException {
        ExecResult r = docker.io().exec(id, argv, CLI);
        if (!r.ok()) {
            throw new EngineException(String.join(" ", argv.subList(0, Math.min(3, argv.size()))) + " in the inner engine failed: "
                    + r.lastLine());
        }
        return r.stdout();
    }

    @Override
    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public Box start(ContainerEnv env) throws EngineException {
        Map<String, String> owner = Labels.owner(run, env.name());
        List<String> argv = new ArrayList<>(List.of("docker", "run", "-d", "--network", "none"));
        argv.addAll(Labels.cliArgs(owner));
        String volume = null;
        switch (env.mount()) {
            case BIND:
                String dir = "/srv/fsconform-bind/" + env.name();
                cli(List.of("mkdir", "-p", dir));
                argv.addAll(List.of("-v", dir + ":" + env.mount().target()));
                break;
            case VOLUME:
                volume = "fsconform-" + env.name();
                List<String> create = new ArrayList<>(List.of("docker", "volume", "create"));
                create.addAll(Labels.cliArgs(owner));
                create.add(volume);
                cli(create);
                argv.addAll(List.of("-v", volume + ":" + env.mount().target()));
                break;
            case TMPFS:
                argv.addAll(List.of("--tmpfs", env.mount().target()));
                break;
            default:
                break;
        }
        argv.addAll(securityOpts(env));
        argv.addAll(List.of(image, "sleep", String.valueOf(LIFETIME_SECONDS)));
        String cid = cli(argv).strip();
        return new InnerBox(cid, volume);
    }

    private List<String> securityOpts(ContainerEnv env) throws EngineException {
        switch (env.seccomp()) {
            case ContainerEnv.DEFAULT_SECCOMP: return List.of();
            case ContainerEnv.UNCONFINED: return List.of("--security-opt", "seccomp=unconfined");
            default:
                // The inner CLI reads profiles from files: put it where it can.
                Path tmp = cleanup.runDir().resolve(env.seccomp());
                try {
                    Files.createDirectories(tmp.getParent());
                    Files.writeString(tmp, Seccomp.profile(env.seccomp()));
                } catch (IOException e) {
                    throw new EngineException("cannot stage seccomp profile: " + e.getMessage());
                }
                docker.io().copyInto(id, tmp, "/etc", env.seccomp());
                return List.of("--security-opt", "seccomp=/etc/" + env.seccomp());
        }
    }

    @Override
    public void close() {
        cleanup.removeEngine(id);
    }

    private final class InnerBox implements Box {
        private final String cid;
        private final String volume;

        InnerBox(String cid, String volume) {
            this.cid = cid;
            this.volume = volume;
        }

        @Override
        public ExecResult exec(List<String> argv, Duration timeout) throws EngineException {
            List<String> full = new ArrayList<>(List.of("docker", "exec", cid));
            full.addAll(argv);
            return docker.io().exec(id, full, timeout);
        }

        @Override
        public void close() {
            // The inner engine goes with its container; removing early keeps its tmpfs small.
            try {
                docker.io().exec(id, List.of("docker", "rm", "-f", "-v", cid), CLI);
                if (volume != null) {
                    docker.io().exec(id, List.of("docker", "volume", "rm", volume), CLI);
                }
            } catch (EngineException e) {
                // The dind container's removal takes everything inside it along.
            }
        }
    }
}
