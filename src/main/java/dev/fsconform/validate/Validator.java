package dev.fsconform.validate;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** Where the probe runs: one of three carriers, each with only the settings it takes. */
    public sealed interface Sandbox {
        /** {@code prefix} runs a program inside the sandbox; {@code stage}: copy the probe and a Java there first. */
        record Exec(String prefix, Optional<Path> stage) implements Sandbox {
        }

        /** A container image, through Docker ({@code dockerHost}: another engine) or through podman. */
        record Image(String image, Optional<String> runtime, Optional<String> dockerHost, boolean podman) implements Sandbox {
            public Image {
                if (podman && dockerHost.isPresent()) {
                    throw new SandboxUnusableException("--docker-host goes with --image; --podman starts podman's own API service");
                }
            }
        }

        /**
         * A started Testcontainers {@code GenericContainer} someone else defined: the probe is copied in and
         * run through Testcontainers' own copy and exec, with its settings (engine, Ryuk, API version).
         *
         * @param genericContainer an {@code org.testcontainers.containers.GenericContainer}; typed loosely so
         *     that this class loads where Testcontainers is absent
         */
        record Container(Object genericContainer) implements Sandbox {
        }
    }

    private final Sandbox sandbox;
    private final Optional<String> java;
    private final String apps;

    /**
     * @param java the sandbox's own Java; empty: this JVM's (exec), the staged one, or the image's or a copied-in one
     * @param apps the app jobs each probe runs, as {@code probe --apps} takes them
     */
    public Validator(Sandbox sandbox, Optional<String> java, String apps) {
        this.sandbox = sandbox;
        this.java = java;
        this.apps = apps;
    }

    /** Without real tools. */
    public Validator(Sandbox sandbox, Optional<String> java) {
        this(sandbox, java, "none");
    }

    /** Results inside the sandbox and, when asked, outside it on the same directories. */
    public record Run(List<EnvironmentResult> sandboxed, List<EnvironmentResult> baseline) {
    }

    public Run run(List<String> dirs, boolean withBaseline) {
        return run(dirs, withBaseline, new Listener() { }, DEFAULT_TIME_LIMIT);
    }

    /** As {@link #run(List, boolean)}, telling {@code listener} about each cell as the sandbox's probe finishes it. */
    public Run run(List<String> dirs, boolean withBaseline, Listener listener, Duration timeLimit) {
        Path self = ProbeJar.locate();
        List<EnvironmentResult> inside;
        if (sandbox instanceof Sandbox.Container c) {
            try (Carrier carrier = ContainerCarrier.start(c.genericContainer(), java.orElse(null), self)) {
                inside = Validation.run(carrier, dirs, "sandbox", apps, listener, timeLimit);
            }
        } else if (sandbox instanceof Sandbox.Exec e) {
            inside = runExec(e, dirs, self, listener, timeLimit);
        } else {
            Sandbox.Image i = (Sandbox.Image) sandbox;
            try (ImageCarrier carrier = i.podman() ? ImageCarrier.startPodman(i.image(), i.runtime().orElse(null), self, java.orElse(null))
                    : ImageCarrier.start(i.image(), i.runtime().orElse(null), i.dockerHost().orElse(null), self, java.orElse(null))) {
                inside = Validation.run(carrier, dirs, "sandbox", apps, listener, timeLimit);
            }
        }
        List<EnvironmentResult> outside = withBaseline
                ? Validation.run(new ExecCarrier("", hostJava(), self), dirs, "baseline", apps) : List.of();
        return new Run(inside, outside);
    }

    private List<EnvironmentResult> runExec(Sandbox.Exec e, List<String> dirs, Path self, Listener listener, Duration timeLimit) {
        if (e.stage().isPresent()) {
            try (Stage staged = Stage.into(e.stage().get().toAbsolutePath(), self)) {
                ExecCarrier carrier = new ExecCarrier(e.prefix(), java.orElse(staged.java().toString()), staged.jar());
                carrier.preflight();
                return Validation.run(carrier, dirs, "sandbox", apps, listener, timeLimit);
            }
        }
        ExecCarrier carrier = new ExecCarrier(e.prefix(), java.orElseGet(Validator::hostJava), self);
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
