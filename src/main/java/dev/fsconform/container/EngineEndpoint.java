package dev.fsconform.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an engine that speaks the Docker Engine API answers (dockerd, or podman's API service), and
 * the API version to speak with it. Asks the engine for its version with one plain HTTP request, before docker-java makes a client.
 *
 * <p>Why not let docker-java decide: the client Testcontainers 2.0.x builds asks for API 1.44 and, if the
 * ping fails, falls back to 1.32; it never asks the engine. Debian's engine (20.10) speaks at most 1.41
 * and current engines (29.x) at least 1.44, so a fixed pin breaks one of them. {@link #configureDockerJava}
 * reads {@code GET /version} (an unversioned endpoint every engine answers) and sets docker-java's
 * {@code api.version} system property to the newest version both sides speak.
 */
public final class EngineEndpoint {

    /** The newest engine API that the docker-java bundled with Testcontainers 2.0.x is built for. */
    public static final String CLIENT_MAX_API = "1.44";

    /** docker-java's setting (system property or docker-java.properties). */
    public static final String DOCKER_JAVA_API_VERSION = "api.version";

    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /** What the user pinned before fsconform set anything (read once: later values are our own). */
    private static final String USER_API_VERSION = System.getProperty(DOCKER_JAVA_API_VERSION);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI host;

    EngineEndpoint(URI host) {
        this.host = host;
    }

    /**
     * The engine to use: {@code explicit} if given, else the system property fsconform.docker.host, else
     * DOCKER_HOST, else the standard socket. Only unix:// and tcp:// (without TLS) are spoken.
     */
    static EngineEndpoint resolve(String explicit) {
        String h = explicit;
        if (h == null || h.isBlank()) {
            h = System.getProperty("fsconform.docker.host");
        }
        if (h == null || h.isBlank()) {
            h = System.getenv("DOCKER_HOST");
        }
        return new EngineEndpoint(URI.create(h == null || h.isBlank() ? DEFAULT_HOST : h.strip()));
    }

    public URI host() {
        return host;
    }

    /** What {@code GET /version} reports. */
    /**
     * @param product the first component's name: "Engine" for Docker, "Podman Engine" for podman
     * @param runtime the OCI runtime component podman names ("crun"), empty when the engine names none
     */
    public record Version(String version, String apiVersion, String minApiVersion, String product, String runtime) { }

    /** The engine's version; an IOException saying why when nothing (or not an engine) answers. */
    Version version() throws IOException {
        JsonNode v = JSON.readTree(get("/version"));
        if (!v.hasNonNull("ApiVersion")) {
            throw new IOException(host + " answered, but not like a Docker engine");
        }
        String product = v.path("Components").path(0).path("Name").asText("Engine");
        String runtime = "";
        for (JsonNode c : v.path("Components")) {
            String n = c.path("Name").asText();
            if (n.startsWith("OCI Runtime (") && n.endsWith(")")) {
                runtime = n.substring("OCI Runtime (".length(), n.length() - 1);
            }
        }
        return new Version(v.path("Version").asText(), v.path("ApiVersion").asText(), v.path("MinAPIVersion").asText("1.12"),
                product, runtime);
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
     * set it. Must run before a docker-java client is made (it reads system properties then).
     *
     * @return the version in force afterwards
     */
    static String configureDockerJava(Version v) {
        String preset = USER_API_VERSION;
        if (preset != null && !preset.isBlank()) {
            return preset;
        }
        String chosen = negotiate(CLIENT_MAX_API, v.apiVersion(), v.minApiVersion());
        System.setProperty(DOCKER_JAVA_API_VERSION, chosen);
        return chosen;
    }

    /** One HTTP/1.0 GET: the engine then closes the connection and sends no chunked body. */
    private String get(String path) throws IOException {
        SocketAddress address;
        SocketChannel ch;
        switch (host.getScheme() == null ? "" : host.getScheme()) {
            case "unix":
                Path socket = Path.of(host.getPath());
                if (!Files.exists(socket)) {
                    throw new IOException("no socket at " + socket);
                }
                address = UnixDomainSocketAddress.of(socket);
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                break;
            case "tcp":
                address = new InetSocketAddress(host.getHost(), host.getPort() < 0 ? 2375 : host.getPort());
                ch = SocketChannel.open();
                break;
            default:
                throw new IOException("unsupported Docker host " + host + " (use unix:// or tcp://)");
        }
        try (ch) {
            ch.connect(address);
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Channels.newInputStream(ch).transferTo(out);
            String raw = out.toString(StandardCharsets.UTF_8);
            int headerEnd = raw.indexOf("\r\n\r\n");
            String[] statusLine = raw.substring(0, Math.max(raw.indexOf("\r\n"), 0)).split(" ");
            if (headerEnd < 0 || statusLine.length < 2 || !statusLine[1].equals("200")) {
                throw new IOException("not a Docker engine answer from " + host);
            }
            return raw.substring(headerEnd + 4);
        }
    }
}
