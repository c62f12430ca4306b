package dev.fsconform.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fsconform.validate.Profile;
import dev.fsconform.validate.Validator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The sandbox a driver author wants checked: how to get inside it, which directories to test there,
 * which profile it must honour, and how the run is configured. Immutable: start from {@link #exec},
 * {@link #image} or {@link #container} and refine with the {@code with…} methods, each returning a
 * new spec.
 *
 * <pre>{@code
 * SandboxSpec.exec("mydriver exec --profile default --")
 *         .withDirs("/workspace", "/tmp")
 *         .expecting(Profile.AGENT_SANDBOX)
 *         .withDeclaredOutcomes(Path.of("src/test/resources/fsconform-declared.yaml"));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SandboxSpec {
    /** How long the probes of all directories may take together, unless {@link #withTimeLimit} says otherwise. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(10);

    private enum Kind { EXEC, IMAGE, CONTAINER }

    /** The settings of one spec; each {@code with…} method changes a copy (a shallow one: every value is immutable). */
    private static final class Settings implements Cloneable {
        Kind kind;
        String target;
        Object container;
        String runtime;
        String dockerHost;
        List<String> dirs = List.of();
        Profile profile = Profile.AGENT_SANDBOX;
        Path stage;
        String java;
        Path declared;
        Duration timeLimit = DEFAULT_TIME_LIMIT;
        Path reportDir;
        List<String> cells = List.of();

        @Override
        protected Settings clone() {
            try {
                return (Settings) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Settings settings;

    private SandboxSpec(Settings s) {
        s.dirs = List.copyOf(s.dirs);
        s.cells = List.copyOf(s.cells);
        Objects.requireNonNull(s.profile, "profile");
        Objects.requireNonNull(s.timeLimit, "timeLimit");
        this.settings = s;
    }

    private static SandboxSpec of(Kind kind, String target, Object container) {
        Settings s = new Settings();
        s.kind = kind;
        s.target = target;
        s.container = container;
        return new SandboxSpec(s);
    }

    /** A new spec with this one's settings, as {@code change} leaves them. */
    private SandboxSpec with(Consumer<Settings> change) {
        Settings copy = settings.clone();
        change.accept(copy);
        return new SandboxSpec(copy);
    }

    /**
     * A sandbox entered through a command prefix, shell words that run the program after them inside
     * it: {@code "bwrap --bind / / --"}, {@code "mydriver exec ID --"}. The probe runs with this JVM's
     * Java unless {@link #withJava} or {@link #stagedIn} say otherwise.
     */
    public static SandboxSpec exec(String prefix) {
        return of(Kind.EXEC, Objects.requireNonNull(prefix, "prefix"), null);
    }

    /**
     * A container image, run by the Docker (or podman's Docker-compatible) engine that {@code DOCKER_HOST}
     * names, with the engine's default OCI runtime unless {@link #withRuntime} names another. The probe
     * and a Java runtime are copied in; the container is removed afterwards. Needs Testcontainers on
     * the test class path.
     */
    public static SandboxSpec image(String image) {
        return of(Kind.IMAGE, Objects.requireNonNull(image, "image"), null);
    }

    /**
     * A Testcontainers container you define and start yourself ({@code GenericContainer<?>}): the probe is
     * copied in and run through Testcontainers' own copy and exec, with your Testcontainers settings.
     * It must be running (for example a long {@code sleep} as its command); it stays yours to stop.
     *
     * @param container an {@code org.testcontainers.containers.GenericContainer}, started
     */
    public static SandboxSpec container(org.testcontainers.containers.GenericContainer<?> container) {
        return of(Kind.CONTAINER, null, Objects.requireNonNull(container, "container"));
    }

    /** The directories inside the sandbox to probe (each gets the next as its second directory). */
    public SandboxSpec withDirs(String... paths) {
        return with(s -> s.dirs = List.of(paths));
    }

    /** The profile the sandbox must honour (default {@link Profile#AGENT_SANDBOX}). */
    public SandboxSpec expecting(Profile expected) {
        return with(s -> s.profile = expected);
    }

    /** For {@link #exec}: copy the probe and a Java runtime into a directory the sandbox can see. */
    public SandboxSpec stagedIn(Path dir) {
        return with(s -> s.stage = dir);
    }

    /** The Java to run inside the sandbox (a path there), instead of this JVM's or a copied-in one. */
    public SandboxSpec withJava(String path) {
        return with(s -> s.java = path);
    }

    /** For {@link #image}: the OCI runtime registered with the engine ({@code runsc}, {@code crun} …). */
    public SandboxSpec withRuntime(String name) {
        return with(s -> s.runtime = name);
    }

    /** For {@link #image}: the engine to use ({@code unix:///run/podman/podman.sock}) instead of DOCKER_HOST's. */
    public SandboxSpec withDockerHost(String url) {
        return with(s -> s.dockerHost = url);
    }

    /**
     * A YAML file of outcomes the sandbox produces on purpose, each with its rationale; a cell it covers
     * passes and says why. See {@code docs/junit.md} for the format:
     * <pre>
     * declared:
     *   - cells: ["link:*", "linkat:*"]
     *     outcomes: [EPERM]
     *     rationale: the driver refuses hard links (policy HL-1)
     * </pre>
     */
    public SandboxSpec withDeclaredOutcomes(Path yaml) {
        return with(s -> s.declared = yaml);
    }

    /** How long the probes of all directories may take together; past it the run stops and fails. */
    public SandboxSpec withTimeLimit(Duration limit) {
        return with(s -> s.timeLimit = limit);
    }

    /**
     * Where {@code matrix.html} and {@code matrix.json} go (default: {@code target/fsconform/CLASS},
     * or {@code build/fsconform/CLASS} in a Gradle project).
     */
    public SandboxSpec withReportDir(Path dir) {
        return with(s -> s.reportDir = dir);
    }

    /**
     * Only the cells whose {@code OPERATION:SCENARIO} matches one of these globs become tests
     * ({@code "rename*:*cross-dir"}, {@code "pattern:uv-*"}); the system property {@code fsconform.cells}
     * (comma-separated globs) overrides this from the command line.
     */
    public SandboxSpec onlyCells(String... globs) {
        return with(s -> s.cells = List.of(globs));
    }

    List<String> dirs() {
        return settings.dirs;
    }

    Profile profile() {
        return settings.profile;
    }

    Path declared() {
        return settings.declared;
    }

    Duration timeLimit() {
        return settings.timeLimit;
    }

    Path reportDir() {
        return settings.reportDir;
    }

    List<String> cells() {
        return settings.cells;
    }

    /** Settings that do not go together, in one line; null when the spec is usable. */
    String problem() {
        if (settings.dirs.isEmpty()) {
            return "no directory to probe: give the SandboxSpec directories with withDirs(...)";
        }
        if (settings.profile == Profile.NONE) {
            return "profile none judges nothing: choose Profile.POSIX_LOCAL or Profile.AGENT_SANDBOX";
        }
        if (settings.timeLimit.isNegative() || settings.timeLimit.isZero()) {
            return "the time limit must be positive, not " + settings.timeLimit;
        }
        if (settings.stage != null && settings.kind != Kind.EXEC) {
            return "stagedIn goes with exec: an image or container gets the probe copied in";
        }
        if ((settings.runtime != null || settings.dockerHost != null) && settings.kind != Kind.IMAGE) {
            return "withRuntime and withDockerHost go with image";
        }
        return null;
    }

    Validator validator() {
        Settings s = settings;
        Optional<String> java = Optional.ofNullable(s.java);
        return switch (s.kind) {
            case EXEC -> new Validator(new Validator.Sandbox.Exec(s.target, Optional.ofNullable(s.stage)), java);
            case IMAGE -> new Validator(new Validator.Sandbox.Image(s.target, Optional.ofNullable(s.runtime),
                    Optional.ofNullable(s.dockerHost), false), java);
            case CONTAINER -> new Validator(new Validator.Sandbox.Container(s.container), java);
        };
    }

    @Override
    public String toString() {
        return switch (settings.kind) {
            case EXEC -> "exec " + settings.target;
            case IMAGE -> "image " + settings.target + (settings.runtime == null ? "" : " (runtime " + settings.runtime + ")");
            case CONTAINER -> "container " + settings.container;
        } + " " + settings.dirs + " " + settings.profile.id();
    }
}
