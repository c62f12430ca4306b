package dev.fsconform.validate;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The validate use case: choose a carrier, check it can run the probe, run it per directory. */
public final class Validator {
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(10);

    /** Told what the probe reports, as it reports it; every method is called on the thread that runs the probe. */
    public interface Listener {
        /** The probe started in {@code env} (before its first cell). */
        default void started(String env, Fingerprint fingerprint) {
        }

        default void cell(String env, Observation cell) {
        }

        /** The probe of one directory ended (or could not run: status SETUP_ERROR with the reason). */
        default void finished(EnvironmentResult env) {
        }
    }

    private final Object container;
    private final String exec;
    private final String image;
    private final String runtime;
    private final String dockerHost;
    private final Path stage;
    private final String java;
    private final String apps;

    private boolean podman;

    /** Without real tools. */
    public Validator(String exec, String image, String runtime, String dockerHost, Path stage, String java) {
        this(null, exec, image, runtime, dockerHost, stage, java, "none");
    }

    /** {@code apps}: the app jobs each probe runs, as {@code probe --apps} takes them. */
    public Validator(String exec, String image, String runtime, String dockerHost, Path stage, String java, String apps) {
        this(null, exec, image, runtime, dockerHost, stage, java, apps);
    }

    private Validator(Object container, String exec, String image, String runtime, String dockerHost, Path stage, String java,
                      String apps) {
        this.container = container;
        this.apps = apps;
        this.exec = exec;
        this.image = image;
        this.runtime = runtime;
        this.dockerHost = dockerHost;
        this.stage = stage;
        this.java = java;
    }

    /** The image runs through podman's API service instead of Docker. */
    public Validator viaPodman(boolean viaPodman) {
        this.podman = viaPodman;
        return this;
    }

    /** Results inside the sandbox and, when asked, outside it on the same directories. */
    public record Run(List<EnvironmentResult> sandboxed, List<EnvironmentResult> baseline) {
    }

    /**
     * A started Testcontainers {@code GenericContainer} someone else defined: the probe is copied in and
     * run through Testcontainers' own copy and exec, with its settings (engine, Ryuk, API version).
     *
     * @param genericContainer an {@code org.testcontainers.containers.GenericContainer}; typed loosely so
     *     that this class loads where Testcontainers is absent
     * @param java the container's own Java, or null to use the one on its PATH or else copy one in
     */
    public static Validator ofContainer(Object genericContainer, String java) {
        return new Validator(genericContainer, null, null, null, null, null, java, "none");
    }

    public Run run(List<String> dirs, boolean withBaseline) {
        return run(dirs, withBaseline, new Listener() { }, DEFAULT_TIME_LIMIT);
    }

    /** As {@link #run(List, boolean)}, telling {@code listener} about each cell as the sandbox's probe finishes it. */
    public Run run(List<String> dirs, boolean withBaseline, Listener listener, Duration timeLimit) {
        Path self = ProbeJar.locate();
        List<EnvironmentResult> inside;
        if (container != null) {
            try (Carrier carrier = ContainerCarrier.start(container, java, self)) {
                inside = Validation.run(carrier, dirs, "sandbox", apps, listener, timeLimit);
            }
        } else if (exec != null) {
            if (runtime != null || dockerHost != null) {
                throw new SandboxUnusableException("--runtime and --docker-host go with --image, not --exec");
            }
            inside = runExec(dirs, self, listener, timeLimit);
        } else {
            if (stage != null) {
                throw new SandboxUnusableException("--stage goes with --exec; --image copies the probe into the container itself");
            }
            try (ImageCarrier carrier = podman ? ImageCarrier.startPodman(image, runtime, self, java)
                    : ImageCarrier.start(image, runtime, dockerHost, self, java)) {
                inside = Validation.run(carrier, dirs, "sandbox", apps, listener, timeLimit);
            }
        }
        List<EnvironmentResult> outside = withBaseline
                ? Validation.run(new ExecCarrier("", hostJava(), self), dirs, "baseline", apps) : List.of();
        return new Run(inside, outside);
    }

    private List<EnvironmentResult> runExec(List<String> dirs, Path self, Listener listener, Duration timeLimit) {
        if (stage != null) {
            try (Stage staged = Stage.into(stage.toAbsolutePath(), self)) {
                ExecCarrier carrier = new ExecCarrier(exec, java != null ? java : staged.java().toString(), staged.jar());
                carrier.preflight();
                return Validation.run(carrier, dirs, "sandbox", apps, listener, timeLimit);
            }
        }
        ExecCarrier carrier = new ExecCarrier(exec, java != null ? java : hostJava(), self);
        carrier.preflight();
        return Validation.run(carrier, dirs, "sandbox", apps, listener, timeLimit);
    }

    private static String hostJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static void printTools(List<EnvironmentVerdict> verdicts, PrintStream out) {
        ValidateReport.tools(verdicts, out);
    }

    public static void printPatterns(List<EnvironmentVerdict> verdicts, PrintStream out) {
        ValidateReport.patterns(verdicts, out);
    }

    public static int printBaselineDiff(List<EnvironmentResult> outside, List<EnvironmentResult> inside, PrintStream out) {
        return ValidateReport.baselineDiff(outside, inside, out);
    }
}
