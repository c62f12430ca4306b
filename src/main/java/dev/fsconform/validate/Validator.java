package dev.fsconform.validate;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The validate use case: choose a carrier, check it can run the probe, run it per directory. */
public final class Validator {
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
        this(exec, image, runtime, dockerHost, stage, java, "none");
    }

    /** {@code apps}: the app jobs each probe runs, as {@code probe --apps} takes them. */
    public Validator(String exec, String image, String runtime, String dockerHost, Path stage, String java, String apps) {
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

    public Run run(List<String> dirs, boolean withBaseline) {
        Path self = SelfJar.locate();
        List<EnvironmentResult> inside;
        if (exec != null) {
            if (runtime != null || dockerHost != null) {
                throw new SandboxUnusableException("--runtime and --docker-host go with --image, not --exec");
            }
            inside = runExec(dirs, self);
        } else {
            if (stage != null) {
                throw new SandboxUnusableException("--stage goes with --exec; --image copies the probe into the container itself");
            }
            try (ImageCarrier carrier = podman ? ImageCarrier.startPodman(image, runtime, self, java)
                    : ImageCarrier.start(image, runtime, dockerHost, self, java)) {
                inside = Validation.run(carrier, dirs, "sandbox", apps);
            }
        }
        List<EnvironmentResult> outside = withBaseline
                ? Validation.run(new ExecCarrier("", hostJava(), self), dirs, "baseline", apps) : List.of();
        return new Run(inside, outside);
    }

    private List<EnvironmentResult> runExec(List<String> dirs, Path self) {
        if (stage != null) {
            try (Stage staged = Stage.into(stage.toAbsolutePath(), self)) {
                ExecCarrier carrier = new ExecCarrier(exec, java != null ? java : staged.java().toString(), staged.jar());
                carrier.preflight();
                return Validation.run(carrier, dirs, "sandbox", apps);
            }
        }
        ExecCarrier carrier = new ExecCarrier(exec, java != null ? java : hostJava(), self);
        carrier.preflight();
        return Validation.run(carrier, dirs, "sandbox", apps);
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
