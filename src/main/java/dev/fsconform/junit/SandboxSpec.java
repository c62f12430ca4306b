package dev.fsconform.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fsconform.validate.Profile;
import dev.fsconform.validate.Validator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
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

    private final Kind kind;
    private final String target;
    private final Object container;
    private final String runtime;
    private final String dockerHost;
    private final List<String> dirs;
    private final Profile profile;
    private final Path stage;
    private final String java;
    private final Path declared;
    private final Duration timeLimit;
    private final Path reportDir;
    private final List<String> cells;

    private SandboxSpec(Kind kind, String target, Object container, String runtime, String dockerHost, List<String> dirs,
                        Profile profile, Path stage, String java, Path declared, Duration timeLimit, Path reportDir,
                        List<String> cells) {
        this.kind = kind;
        this.target = target;
        this.container = container;
        this.runtime = runtime;
        this.dockerHost = dockerHost;
        this.dirs = List.copyOf(dirs);
        this.profile = Objects.requireNonNull(profile, "profile");
        this.stage = stage;
        this.java = java;
        this.declared = declared;
        this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
        this.reportDir = reportDir;
        this.cells = List.copyOf(cells);
    }

    private static SandboxSpec of(Kind kind, String target, Object container) {
        return new SandboxSpec(kind, target, container, null, null, List.of(), Profile.AGENT_SANDBOX, null, null, null,
                DEFAULT_TIME_LIMIT, null, List.of());
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
        return new SandboxSpec(kind, target, container, runtime, dockerHost, List.of(paths), profile, stage, java, declared,
                timeLimit, reportDir, cells);
    }

    /** The profile the sandbox must honour (default {@link Profile#AGENT_SANDBOX}). */
    public SandboxSpec expecting(Profile expected) {
        return new SandboxSpec(kind, target, container, runtime, dockerHost, dirs, expected, stage, java, declared,
                timeLimit, reportDir, cells);
    }

    /** For {@link #exec}: copy the probe and a Java runtime into a directory the sandbox can see. */
    public SandboxSpec stagedIn(Path dir) {
        return new SandboxSpec(kind, target, container, runtime, dockerHost, dirs, profile, dir, java, declared,
                timeLimit, reportDir, cells);
    }

    /** The Java to run inside the sandbox (a path there), instead of this JVM's or a copied-in one. */
    public SandboxSpec withJava(String path) {
        return new SandboxSpec(kind, target, container, runtime, dockerHost, dirs, profile, stage, path, declared,
                timeLimit, reportDir, cells);
    }

    /** For {@link #image}: the OCI runtime registered with the engine ({@code runsc}, {@code crun} …). */
    public SandboxSpec withRuntime(String name) {
        return new SandboxSpec(kind, target, container, name, dockerHost, dirs, profile, stage, java, declared,
                timeLimit, reportDir, cells);
    }

    /** For {@link #image}: the engine to use ({@code unix:///run/podman/podman.sock}) instead of DOCKER_HOST's. */
    public SandboxSpec withDockerHost(String url) {
        return new SandboxSpec(kind, target, container, runtime, url, dirs, profile, stage, java, declared,
                timeLimit, reportDir, cells);
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
        return new SandboxSpec(kind, target, container, runtime, dockerHost, dirs, profile, stage, java, yaml,
                timeLimit, reportDir, cells);
    }

    /** How long the probes of all directories may take together; past it the run stops and fails. */
    public SandboxSpec withTimeLimit(Duration limit) {
        return new SandboxSpec(kind, target, container, runtime, dockerHost, dirs, profile, stage, java, declared,
                limit, reportDir, cells);
    }

    /**
     * Where {@code matrix.html} and {@code matrix.json} go (default: {@code target/fsconform/CLASS},
     * or {@code build/fsconform/CLASS} in a Gradle project).
     */
    public SandboxSpec withReportDir(Path dir) {
        return new SandboxSpec(kind, target, container, runtime, dockerHost, dirs, profile, stage, java, declared,
                timeLimit, dir, cells);
    }

    /**
     * Only the cells whose {@code OPERATION:SCENARIO} matches one of these globs become tests
     * ({@code "rename*:*cross-dir"}, {@code "pattern:uv-*"}); the system property {@code fsconform.cells}
     * (comma-separated globs) overrides this from the command line.
     */
    public SandboxSpec onlyCells(String... globs) {
        return new SandboxSpec(kind, target, container, runtime, dockerHost, dirs, profile, stage, java, declared,
                timeLimit, reportDir, List.of(globs));
    }

    List<String> dirs() {
        return dirs;
    }

    Profile profile() {
        return profile;
    }

    Path declared() {
        return declared;
    }

    Duration timeLimit() {
        return timeLimit;
    }

    Path reportDir() {
        return reportDir;
    }

    List<String> cells() {
        return cells;
    }

    /** Settings that do not go together, in one line; null when the spec is usable. */
    String problem() {
        if (dirs.isEmpty()) {
            return "no directory to probe: give the SandboxSpec directories with withDirs(...)";
        }
        if (profile == Profile.NONE) {
            return "profile none judges nothing: choose Profile.POSIX_LOCAL or Profile.AGENT_SANDBOX";
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            return "the time limit must be positive, not " + timeLimit;
        }
        if (stage != null && kind != Kind.EXEC) {
            return "stagedIn goes with exec: an image or container gets the probe copied in";
        }
        if ((runtime != null || dockerHost != null) && kind != Kind.IMAGE) {
            return "withRuntime and withDockerHost go with image";
        }
        return null;
    }

    Validator validator() {
        return switch (kind) {
            case EXEC -> new Validator(new Validator.Sandbox.Exec(target, Optional.ofNullable(stage)), Optional.ofNullable(java));
            case IMAGE -> new Validator(new Validator.Sandbox.Image(target, Optional.ofNullable(runtime), Optional.ofNullable(dockerHost),
                    false), Optional.ofNullable(java));
            case CONTAINER -> new Validator(new Validator.Sandbox.Container(container), Optional.ofNullable(java));
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXEC -> "exec " + target;
            case IMAGE -> "image " + target + (runtime == null ? "" : " (runtime " + runtime + ")");
            case CONTAINER -> "container " + container;
        } + " " + dirs + " " + profile.id();
    }
}
