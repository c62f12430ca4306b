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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An inner Docker engine on one storage driver, in a container of the dind image of one generation
 * (matrix/docker/dind-entrypoint.sh runs it), started with real --privileged or, once the outer engine
 * refused that, the capability fallback. The probe images are loaded in (docker save/load over the
 * inner engine's API: there is no registry) and probe containers run in the inner engine through its own docker CLI, by exec into the
 * dind container. The inner engine also serves its API on a socket bound out to the run directory, so
 * fsconform's own client negotiates with it: that is the API version the results record.
 */
final class DindEngine implements Engine {
    private static final Duration CLI = Duration.ofSeconds(120);
    private static final Duration READY = Duration.ofSeconds(90);
    private static final String API_DIR = "/run/fsconform-api";
    private static final String RUNSC = "runsc";
    private static final String RUNSC_INSIDE = "/usr/local/bin/runsc";

    private final EngineApi api;
    private final String id;
    private final Images images;
    private final RunId run;
    private final Cleanup cleanup;
    private final Map<String, String> labels = new LinkedHashMap<>();

    private DindEngine(EngineApi api, String id, Images images, RunId run, Cleanup cleanup) {
        this.api = api;
        this.id = id;
        this.images = images;
        this.run = run;
        this.cleanup = cleanup;
    }

    /**
     * Starts the dind container of the driver and generation of {@code envs}, with every OCI runtime they
     * name registered, waits for its engine and loads the probe images they run (saved in {@code tars}).
     */
    static DindEngine start(EngineApi api, List<ContainerEnv> envs, Images images, ImageTars tars, RunId run,
                            PrivilegeChoice choice, Cleanup cleanup) throws EngineException {
        ContainerEnv first = envs.get(0);
        Set<String> runtimes = envs.stream().map(ContainerEnv::runtime).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        Generation g = first.generation();
        Path apiDir = cleanup.runDir().resolve(first.engineDirName());
        try {
            Files.createDirectories(apiDir);
        } catch (IOException e) {
            throw new EngineException("cannot make " + apiDir + ": " + e.getMessage());
        }
        List<String> args = new ArrayList<>(List.of(first.driver(), "--shutdown-timeout=1", "-H", "unix://" + API_DIR + "/docker.sock"));
        List<String> binds = new ArrayList<>(List.of(apiDir + ":" + API_DIR));
        for (String r : runtimes) {
            if (RUNSC.equals(r)) {
                hostRunsc().ifPresent(p -> binds.add(p + ":" + RUNSC_INSIDE + ":ro"));
            } else {
                args.add("--add-runtime=" + r + "=" + r);
            }
        }
        Started d = startContainer(api, first.driver(), args, images.dind(g.suite()), binds, run, choice, cleanup);
        DindEngine e = new DindEngine(api, d.id(), images, run, cleanup);
        try {
            if (!runtimes.isEmpty() && !d.privilege().privileged()) {
                // The capability fallback keeps /proc/sys read-only (systempaths=unconfined is CLI-only);
                // runc copes, but crun writes net.ipv4.ip_unprivileged_port_start into each new container.
                e.cli(List.of("mount", "-o", "remount,rw", "/proc/sys"));
            }
            String innerHost = "unix://" + apiDir.resolve("docker.sock");
            e.describe(d.privilege(), g, innerHost);
            tars.loadInto(EngineApi.connect(innerHost), envs);
            return e;
        } catch (EngineException failed) {
            e.close();
            throw failed;
        }
    }

    private record Started(String id, Privilege privilege) {
    }

    /**
     * gVisor's runsc is a static binary: the host's own is bound into the dind container, where the
     * entrypoint registers it with --network=none. The dind images carry no runsc (bookworm has it only
     * in backports), so one version serves every generation.
     */
    private static Optional<Path> hostRunsc() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, RUNSC);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static Started startContainer(EngineApi api, String driver, List<String> args, String dindImage, List<String> binds, RunId run,
                                         PrivilegeChoice choice, Cleanup cleanup) throws EngineException {
        Map<String, String> owner = Labels.owner(run, "dind-" + driver);
        owner.put(Labels.DRIVER_LABEL, driver);
        // timeout(1) ends the engine by SIGTERM after the lifetime, so an orphan unmounts and goes away.
        // The probe containers' sleep ignores SIGTERM (PID 1): the inner engine need not wait 15 s for it.
        ContainerSpec spec = ContainerSpec.of(dindImage, args, owner).withEntrypoint(List.of("/usr/bin/tini", "--", "timeout", "-s",
                "TERM", String.valueOf(Engine.LIFETIME_SECONDS), "/usr/local/bin/fsconform-dind"))
                .withBinds(binds);
        Privilege p = choice.next(driver);
        String id;
        try {
            id = startWith(api, spec.withPrivilege(p), cleanup);
        } catch (EngineException refused) {
            if (!p.privileged()) {
                throw refused;
            }
            choice.refused(refused.getMessage().replaceFirst("^start container \\w+: ", ""));
            p = choice.next(driver);
            id = startWith(api, spec.withPrivilege(p), cleanup);
        }
        try {
            awaitReady(api, id, driver);
        } catch (EngineException failed) {
            cleanup.removeEngine(id);
            throw failed;
        }
        return new Started(id, p);
    }

    private static String startWith(EngineApi api, ContainerSpec spec, Cleanup cleanup) throws EngineException {
        String id = api.create(spec);
        cleanup.engine(id);
        try {
            api.start(id);
            return id;
        } catch (EngineException e) {
            cleanup.removeEngine(id);
            throw e;
        }
    }

    private static void awaitReady(EngineApi api, String id, String driver) throws EngineException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            String log = api.io().logs(id, 20);
            if (log.contains("fsconform-dind: ready")) {
                return;
            }
            if (!api.running(id)) {
                String why = log.lines().filter(l -> l.contains("fsconform-dind:")).reduce((a, b) -> b).orElse(log.strip());
                // Missing kernel support or devices are facts about this machine, not failures.
                boolean machine = why.contains("needs --device") || why.contains("unknown filesystem type")
                        || why.contains("no free loop device");
                throw new EngineException("inner " + driver + " engine did not start: " + why,
                        machine ? EnvStatus.SKIPPED : EnvStatus.SETUP_ERROR);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted");
            }
        }
        throw new EngineException("inner " + driver + " engine not ready after " + READY.toSeconds() + " s", EnvStatus.TIMEOUT);
    }

    private void describe(Privilege p, Generation g, String innerHost) throws EngineException {
        String version = cli(List.of("docker", "version", "--format", "{{.Server.Version}}")).strip();
        if (!g.matches(version)) {
            throw new EngineException("the " + g.suite() + " dind image runs Docker " + version + ", not generation " + g.id()
                    + ": rename the generation in matrix/containers.yaml");
        }
        // fsconform's own client, negotiating with the inner engine as it does with any other.
        EngineApi inner = EngineApi.connect(innerHost);
        EngineEndpoint.Version v = inner.version();
        labels.put(Labels.ENGINE, "inner engine " + g.id() + " (Debian " + g.suite() + ") in " + api.host() + " container "
                + EngineApi.shortId(id));
        labels.put(Labels.VERSION, version);
        labels.put(Labels.DRIVER, inner.storageDriver());
        labels.put(Labels.API, inner.apiVersion() + " (engine speaks " + v.minApiVersion() + "-" + v.apiVersion() + ")");
        labels.put(Labels.PRIVILEGED, p.note());
        labels.put(Labels.RUNTIME, cli(List.of("docker", "info", "--format", "{{.DefaultRuntime}}")).strip() + " (engine default)");
    }

    /** Runs a command in the dind container; fails with its last output line. */
    private String cli(List<String> argv) throws EngineException {
        ExecResult r = api.io().exec(id, argv, CLI);
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
    public String image(ContainerEnv env) {
        return images.probeFor(env);
    }

    @Override
    public Box start(ContainerEnv env) throws EngineException {
        Map<String, String> owner = Labels.owner(run, env.name());
        List<String> argv = new ArrayList<>(List.of("docker", "run", "-d", "--network", "none"));
        argv.addAll(Labels.cliArgs(owner));
        String volume = null;
        String source = null;
        switch (env.mount()) {
            case BIND:
                source = "/srv/fsconform-bind/" + env.name();
                cli(List.of("mkdir", "-p", source));
                break;
            case VOLUME:
                volume = "fsconform-" + env.name();
                List<String> create = new ArrayList<>(List.of("docker", "volume", "create"));
                create.addAll(Labels.cliArgs(owner));
                create.add(volume);
                cli(create);
                source = volume;
                break;
            default:
                break;
        }
        argv.addAll(env.mount().runArgs(source));
        if (RUNSC.equals(env.runtime()) && hostRunsc().isEmpty()) {
            throw new EngineException("the inner engine's runsc is bound in from this machine, which has none on PATH"
                    + " (matrix/gvisor/install-runsc.sh installs it)", EnvStatus.SKIPPED);
        }
        if (env.runtime() != null) {
            argv.addAll(List.of("--runtime", env.runtime()));
        }
        argv.addAll(securityOpts(env));
        argv.addAll(List.of(image(env), "sleep", String.valueOf(LIFETIME_SECONDS)));
        String cid = cli(argv).strip();
        return new DindBox(cid, volume);
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
                    Files.writeString(tmp, SeccompOption.profile(env.seccomp()));
                } catch (IOException e) {
                    throw new EngineException("cannot stage seccomp profile: " + e.getMessage());
                }
                api.io().copyInto(id, tmp, "/etc", env.seccomp());
                return List.of("--security-opt", "seccomp=/etc/" + env.seccomp());
        }
    }

    @Override
    public void close() {
        cleanup.removeEngine(id);
    }

    private final class DindBox implements Box {
        private final String cid;
        private final String volume;

        DindBox(String cid, String volume) {
            this.cid = cid;
            this.volume = volume;
        }

        @Override
        public ExecResult exec(List<String> argv, Duration timeout) throws EngineException {
            List<String> full = new ArrayList<>(List.of("docker", "exec", cid));
            full.addAll(argv);
            return api.io().exec(id, full, timeout);
        }

        @Override
        public void close() {
            // The inner engine goes with its container; removing early keeps its tmpfs small.
            try {
                api.io().exec(id, List.of("docker", "rm", "-f", "-v", cid), CLI);
                if (volume != null) {
                    api.io().exec(id, List.of("docker", "volume", "rm", volume), CLI);
                }
            } catch (EngineException e) {
                // The dind container's removal takes everything inside it along.
            }
        }
    }
}
