package dev.fsconform.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * The few engine operations fsconform needs, over the docker-java client that Testcontainers builds.
 * Not GenericContainer: that one needs Ryuk, start-up checks and a host lookup that all pull images or
 * read settings from the environment alone, and it cannot target an engine named on the command line.
 * fsconform cleans up by labels instead. Errors become {@link EngineException}s with one line.
 */
final class EngineApi {
    private final DockerClient client;
    private final EngineEndpoint engine;
    private final EngineEndpoint.Version version;
    private final String apiVersion;

    private EngineApi(DockerClient client, EngineEndpoint engine, EngineEndpoint.Version version, String apiVersion) {
        this.client = client;
        this.engine = engine;
        this.version = version;
        this.apiVersion = apiVersion;
    }

    /** Connects to {@code host} (null: fsconform.api.host, DOCKER_HOST, the standard socket). */
    static EngineApi connect(String host) throws EngineException {
        EngineEndpoint engine = EngineEndpoint.resolve(host);
        EngineEndpoint.Version v;
        try {
            v = engine.version();
        } catch (IOException e) {
            throw new EngineException("no Docker engine answers on " + engine.host() + " (" + e.getMessage() + ")",
                    EnvStatus.SKIPPED);
        }
        // docker-java reads api.version once, when a client is made: each engine (Docker 20.10, a newer
        // inner engine, podman) gets its own negotiated version, so clients are made one at a time.
        synchronized (EngineEndpoint.class) {
            String api = EngineEndpoint.configureDockerJava(v);
            try {
                DockerClient c = DockerClientProviderStrategy.getClientForConfig(TransportConfig.builder().dockerHost(engine.host())
                        .build());
                return new EngineApi(c, engine, v, api);
            } catch (RuntimeException e) {
                throw new EngineException("cannot talk to the Docker engine on " + engine.host() + ": " + e.getMessage());
            }
        }
    }

    /** Loads a `docker save` tar (there is no registry): how podman gets the probe image. */
    void load(Path tar) throws EngineException {
        try (InputStream in = Files.newInputStream(tar)) {
            call("load the probe image into " + host(), () -> client.loadImageCmd(in).exec());
        } catch (IOException e) {
            throw new EngineException("cannot read " + tar + ": " + e.getMessage());
        }
    }

    /** Exec, logs and file copies into containers. */
    ContainerIo io() {
        return new ContainerIo(client);
    }

    /** Named volumes. */
    Volumes volumes() {
        return new Volumes(client);
    }

    EngineEndpoint.Version version() {
        return version;
    }

    String apiVersion() {
        return apiVersion;
    }

    String host() {
        return engine.host().toString();
    }

    String storageDriver() throws EngineException {
        return call("docker info", () -> client.infoCmd().exec().getDriver());
    }

    boolean hasImage(String ref) throws EngineException {
        try {
            client.inspectImageCmd(ref).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException | IllegalArgumentException e) {
            throw new EngineException("cannot inspect image " + ref + ": " + oneLine(e));
        }
    }

    /** Pulls {@code ref}; fails with the engine's reason (no registry, no such image) within {@code timeout}. */
    void pull(String ref, Duration timeout) throws EngineException {
        try {
            boolean done = client.pullImageCmd(ref).exec(new ResultCallback.Adapter<>())
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                throw new EngineException("pull of " + ref + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while pulling " + ref);
        } catch (RuntimeException e) {
            throw new EngineException(oneLine(e));
        }
    }

    /** Creates the container (never pulling); returns its id. */
    String create(ContainerSpec s) throws EngineException {
        Privilege p = s.privilege();
        HostConfig hc = HostConfig.newHostConfig().withAutoRemove(true).withNetworkMode(s.network())
                .withBinds(s.binds().stream().map(Bind::parse).toList()).withTmpFs(s.tmpfs().isEmpty() ? null : s.tmpfs())
                .withPrivileged(p.privileged()).withRuntime(s.runtime());
        if (s.cpuShares() != null) {
            hc.withCpuShares(s.cpuShares());
        }
        if (!s.ulimits().isEmpty()) {
            hc.withUlimits(s.ulimits().entrySet().stream().map(u -> new Ulimit(u.getKey(), u.getValue(), u.getValue())).toList());
        }
        List<String> opts = new ArrayList<>(s.securityOpts());
        opts.addAll(p.securityOpts());
        hc.withSecurityOpts(opts.isEmpty() ? null : opts);
        if (p.privileged() || p.capabilities()) {
            // The inner runc must see its own cgroup as the root, on cgroup v1 and v2 alike.
            hc.withCgroupnsMode("private");
        }
        if (p.capabilities()) {
            hc.withCapAdd(Capability.ALL).withCapDrop(p.capDrop().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        if (!p.devices().isEmpty()) {
            hc.withDevices(p.devices().stream().map(d -> new Device("rwm", d, d)).toList()).withDeviceCgroupRules(p.deviceCgroupRules());
        }
        return call("create a container of " + s.image(), () -> {
            CreateContainerCmd cmd = client.createContainerCmd(s.image()).withLabels(s.labels()).withHostConfig(hc)
                    .withCmd(s.cmd());
            if (s.entrypoint() != null) {
                cmd.withEntrypoint(s.entrypoint());
            }
            if (s.user() != null) {
                cmd.withUser(s.user());
            }
            return cmd.exec().getId();
        });
    }

    void start(String id) throws EngineException {
        call("start container " + shortId(id), () -> client.startContainerCmd(id).exec());
    }

    boolean running(String id) {
        try {
            return Boolean.TRUE.equals(client.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL after {@code seconds}: lets an entrypoint unmount what it mounted. */
    void stop(String id, int seconds) {
        try {
            client.stopContainerCmd(id).withTimeout(seconds).exec();
        } catch (RuntimeException gone) {
            // Already stopped or removed (auto-remove): nothing to stop.
        }
    }

    /** Removes the container with its anonymous volumes; an already removed one is fine. */
    void remove(String id) {
        try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException | ConflictException gone) {
            // Removed already, or the engine's auto-remove is at it.
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot remove container " + shortId(id) + ": " + oneLine(e), e);
        }
    }

    /**
     * Removes the container and waits until the engine no longer lists it, retrying: a container the
     * engine is still starting refuses removal for a moment, one whose create request lost its client
     * is listed a moment before the engine finds it by id (removal answers "no such container" then,
     * and the container stays), and an auto-remove container that was stopped is removed by the engine,
     * later. False if it outlived {@code timeout}.
     */
    boolean removeAndWait(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            try {
                client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException notYetOrBusy) {
                // Not registered yet, starting, or being removed already: the listing below decides.
            }
            try {
                if (client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().isEmpty()) {
                    return true;
                }
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (RuntimeException e) {
                return false;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    List<Container> containers(Map<String, String> labels) throws EngineException {
        return call("list containers", () -> client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
    }

    /** The image as a `docker save` tar stream. */
    InputStream save(String image) throws EngineException {
        return call("save " + image, () -> client.saveImageCmd(image).exec());
    }

    interface Call<T> {
        T run();
    }

    interface VoidCall {
        void run();
    }

    static <T> T call(String what, Call<T> c) throws EngineException {
        try {
            return c.run();
        } catch (RuntimeException e) {
            throw new EngineException(what + ": " + oneLine(e));
        }
    }

    static void call(String what, VoidCall c) throws EngineException {
        call(what, () -> {
            c.run();
            return null;
        });
    }

    static String oneLine(Throwable e) {
        // A socket that went away mid-run is the engine stopping, whatever the transport calls it.
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.SocketException || c instanceof java.nio.channels.ClosedChannelException) {
                return "the Docker engine stopped answering (" + c.getClass().getSimpleName()
                        + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")";
            }
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // docker-java wraps the engine's JSON answer: keep its message only.
        int i = m.indexOf("\"message\":\"");
        if (i >= 0) {
            int end = i + 11;
            while (end < m.length() && (m.charAt(end) != '"' || m.charAt(end - 1) == '\\')) {
                end++;
            }
            m = m.substring(i + 11, end).replace("\\\"", "\"");
        }
        return m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(m).strip();
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
