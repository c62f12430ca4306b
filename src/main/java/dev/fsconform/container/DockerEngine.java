package dev.fsconform.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Talks to a Docker engine over its unix socket without any client library: enough to learn the
 * engine's API range before docker-java/Testcontainers start, and to remove what fsconform left behind.
 *
 * <p>Why not let docker-java decide: Testcontainers 2.0.x asks for API 1.44 and, if the ping fails,
 * falls back to 1.32; it never asks the engine. Debian's engine (20.10) speaks at most 1.41 and
 * current engines (29.x) at least 1.44, so a fixed pin breaks one of them. {@link #configureDockerJava()}
 * reads {@code GET /version} (an unversioned endpoint every engine answers) and sets docker-java's
 * {@code api.version} system property to the newest version both sides speak.
 */
public final class DockerEngine {

    /** Every container, volume and network fsconform creates carries this label... */
    public static final String OWNER_LABEL = "dev.fsconform.owner";
    public static final String OWNER = "fsconform";
    /** ...and this one, naming the run, so that one run's leftovers can be removed alone. */
    public static final String RUN_LABEL = "dev.fsconform.run";

    /** The newest engine API that the docker-java bundled with Testcontainers 2.0.x is built for. */
    public static final String CLIENT_MAX_API = "1.44";

    /** docker-java's setting (system property or docker-java.properties). */
    public static final String DOCKER_JAVA_API_VERSION = "api.version";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;

    public DockerEngine(Path socket) {
        this.socket = socket;
    }

    /**
     * The engine named by DOCKER_HOST if that is a unix socket, the standard socket if DOCKER_HOST is
     * unset, and empty for any other DOCKER_HOST (tcp, ssh: this class speaks unix sockets only).
     */
    public static Optional<DockerEngine> fromEnvironment() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            return Optional.of(new DockerEngine(Path.of("/var/run/docker.sock")));
        }
        if (host.startsWith("unix://")) {
            return Optional.of(new DockerEngine(Path.of(host.substring("unix://".length()))));
        }
        return Optional.empty();
    }

    public Path socket() {
        return socket;
    }

    /** What {@code GET /version} reports. */
    public record Version(String version, String apiVersion, String minApiVersion) { }

    /** The engine's version, or empty if nothing answers on the socket. */
    public Optional<Version> version() {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try {
            JsonNode v = JSON.readTree(request("GET", "/version").body());
            return Optional.of(new Version(v.path("Version").asText(), v.path("ApiVersion").asText(),
                    v.path("MinAPIVersion").asText("1.12")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The API version to use: the client's newest if the engine speaks it, else the engine's newest
     * (older engine), else the engine's oldest (engine newer than the client; may still fail, but
     * no other choice can work).
     */
    public static String negotiate(String clientMax, String serverMax, String serverMin) {
        if (compare(clientMax, serverMax) > 0) {
            return serverMax;
        }
        if (compare(clientMax, serverMin) < 0) {
            return serverMin;
        }
        return clientMax;
    }

    /** Compares "1.9" and "1.10" as numbers, part by part. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    /**
     * Sets docker-java's {@code api.version} system property from the engine's answer, unless the user
     * set it. Must run before Testcontainers creates its client (it reads system properties then).
     *
     * @return the version in force afterwards, empty if no engine answers (docker-java's default then)
     */
    public static Optional<String> configureDockerJava() {
        String preset = System.getProperty(DOCKER_JAVA_API_VERSION);
        if (preset != null && !preset.isBlank()) {
            return Optional.of(preset);
        }
        return fromEnvironment().flatMap(DockerEngine::version).map(v -> {
            String chosen = negotiate(CLIENT_MAX_API, v.apiVersion(), v.minApiVersion());
            System.setProperty(DOCKER_JAVA_API_VERSION, chosen);
            return chosen;
        });
    }

    /** What {@link #reap(String)} removed. */
    public record Reaped(List<String> containers, List<String> volumes) { }

    /**
     * Removes containers (forced, with their anonymous volumes) and volumes labelled as fsconform's,
     * of one run, or of every run if {@code runId} is null. Touches nothing else.
     */
    public Reaped reap(String runId) throws IOException {
        List<String> labels = new ArrayList<>();
        labels.add(OWNER_LABEL + "=" + OWNER);
        if (runId != null) {
            labels.add(RUN_LABEL + "=" + runId);
        }
        String filters = URLEncoder.encode(JSON.writeValueAsString(java.util.Map.of("label", labels)),
                StandardCharsets.UTF_8);
        List<String> containers = new ArrayList<>();
        for (JsonNode c : JSON.readTree(request("GET", "/containers/json?all=1&filters=" + filters).body())) {
            String id = c.path("Id").asText();
            request("DELETE", "/containers/" + id + "?force=1&v=1").expect(204, 404);
            containers.add(id);
        }
        List<String> volumes = new ArrayList<>();
        JsonNode vs = JSON.readTree(request("GET", "/volumes?filters=" + filters).body()).path("Volumes");
        for (JsonNode v : vs) {
            String name = v.path("Name").asText();
            request("DELETE", "/volumes/" + URLEncoder.encode(name, StandardCharsets.UTF_8)).expect(204, 404);
            volumes.add(name);
        }
        return new Reaped(containers, volumes);
    }

    record Response(int status, String body) {
        Response expect(int... ok) throws IOException {
            for (int s : ok) {
                if (s == status) {
                    return this;
                }
            }
            throw new IOException("Docker engine answered " + status + ": " + body.strip());
        }
    }

    /** One HTTP/1.0 request: the engine then closes the connection and sends no chunked body. */
    Response request(String method, String path) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((method + " " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Channels.newInputStream(ch).transferTo(out);
            String raw = out.toString(StandardCharsets.UTF_8);
            int headerEnd = raw.indexOf("\r\n\r\n");
            String[] statusLine = raw.substring(0, Math.max(raw.indexOf("\r\n"), 0)).split(" ");
            if (headerEnd < 0 || statusLine.length < 2) {
                throw new IOException("not an HTTP answer from " + socket);
            }
            return new Response(Integer.parseInt(statusLine[1]), raw.substring(headerEnd + 4));
        }
    }
}
