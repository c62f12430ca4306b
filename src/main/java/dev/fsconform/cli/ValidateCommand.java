package dev.fsconform.cli;

import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.report.Report;
import dev.fsconform.sandbox.Preset;
import dev.fsconform.validate.Profile;
import dev.fsconform.validate.SandboxUnusableException;
import dev.fsconform.validate.Validator;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the probe inside a sandbox someone else built and judges it against a profile. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run the probe inside a sandbox (command prefix or container image) and judge it.")
final class ValidateCommand implements Callable<Integer> {
    static final int EXIT_VIOLATED = 1;
    static final int EXIT_UNUSABLE = 2;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    static final class Target {
        @Option(names = "--exec", paramLabel = "PREFIX", description = "Command prefix that runs a program inside the sandbox (shell words).")
        String exec;

        @Option(names = "--image", paramLabel = "IMAGE", description = "Container image to run the probe in (through Docker).")
        String image;

        @Option(names = "--podman", paramLabel = "IMAGE", description = "Container image to run the probe in through podman (your"
                + " podman's images; rootful as root, rootless otherwise).")
        String podman;

    }

    @Option(names = "--preset", paramLabel = "NAME", description = "A known sandbox with its usual profile: bwrap or firejail (an"
            + " --exec prefix, alone), crun (the runtime of --podman IMAGE or --image IMAGE).")
    String preset;

    @Option(names = "--runtime", paramLabel = "NAME", description = "OCI runtime (runsc, crun, kata …): registered with Docker for"
            + " --image; podman's own for --podman.")
    String runtime;

    @Option(names = "--docker-host", paramLabel = "URL", description = "Docker engine to use; with --image.")
    String dockerHost;

    @Option(names = "--dir", paramLabel = "PATH", required = true, description = "Directory inside the sandbox to test (repeatable).")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--stage", paramLabel = "DIR", description = "Copy the probe and a Java runtime into DIR (which the sandbox can see).")
    Path stage;

    @Option(names = "--java", paramLabel = "PATH", description = "Java inside the sandbox (default: this JVM's, or the staged one).")
    String java;

    @Option(names = "--expect", paramLabel = "PROFILE", defaultValue = "none",
            description = "none, posix-local or agent-sandbox; exit 1 when violated (default: ${DEFAULT-VALUE}).")
    String expect;

    @Option(names = "--apps", paramLabel = "JOBS", defaultValue = "all",
            description = "Real tools to run in each directory: " + AppsOption.SYNTAX + " (default: ${DEFAULT-VALUE}).")
    String apps;

    @Option(names = "--baseline", description = "Also run the probe outside the sandbox on the same directories and show the diff.")
    boolean baseline;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fsconform-validate",
            description = "Where matrix.json and matrix.html go (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The one carrier the options name, refusing the settings that do not go with it. */
    private Validator.Sandbox sandbox(Target t, String exec, String oci) {
        if (exec != null) {
            if (oci != null || dockerHost != null) {
                throw new UsageException("--runtime and --docker-host go with --image, not --exec");
            }
            return new Validator.Sandbox.Exec(exec, Optional.ofNullable(stage));
        }
        if (stage != null) {
            throw new UsageException("--stage goes with --exec; --image copies the probe into the container itself");
        }
        boolean podman = t.podman != null;
        return new Validator.Sandbox.Image(podman ? t.podman : t.image, Optional.ofNullable(oci),
                Optional.ofNullable(dockerHost), podman);
    }

    @Override
    public Integer call() {
        Profile profile;
        try {
            profile = Profile.parse(expect);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--expect: " + e.getMessage());
        }
        AppsOption.jobs(apps);
        Path outDir = Dirs.outputDir(out, "--out");
        Target t = target != null ? target : new Target();
        String exec = t.exec;
        String oci = runtime;
        if (preset != null) {
            Preset p;
            try {
                p = Preset.parse(preset);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--preset: " + e.getMessage());
            }
            if (p.runtime() == null && target != null) {
                throw new UsageException("--preset " + p.id() + " is a command prefix: it goes alone, without --exec, --image or --podman");
            }
            if (p.runtime() != null && t.image == null && t.podman == null) {
                throw new UsageException("--preset " + p.id() + " is an OCI runtime: give the image with --podman IMAGE or --image IMAGE");
            }
            if (p.runtime() != null && runtime != null && !runtime.equals(p.runtime())) {
                throw new UsageException("--preset " + p.id() + " and --runtime " + runtime + " name different runtimes");
            }
            exec = p.prefix() != null ? p.prefix() : exec;
            oci = p.runtime() != null ? p.runtime() : oci;
        } else if (target == null) {
            throw new UsageException("say what to run the probe in: --exec PREFIX, --image IMAGE, --podman IMAGE or --preset NAME");
        }
        Validator.Run run;
        try {
            run = new Validator(sandbox(t, exec, oci), Optional.ofNullable(java), apps).run(dirs, baseline);
        } catch (SandboxUnusableException e) {
            throw new UsageException(e.getMessage());
        }
        List<EnvironmentResult> all = new ArrayList<>(run.sandboxed());
        all.addAll(run.baseline());
        ResultsFile file = ResultsFile.of("fsconform " + Version.current(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), all);
        List<EnvironmentVerdict> verdicts = Verdicts.of(file);
        Report.write(file, verdicts, outDir);
        List<EnvironmentVerdict> inside = verdicts.subList(0, run.sandboxed().size());
        Validator.printTools(inside, System.out);
        ConsoleSummary.print(verdicts, System.out);
        inside.forEach(v -> System.out.println(System.lineSeparator() + v.diagnosis() + System.lineSeparator()));
        Validator.printPatterns(inside, System.out);
        if (baseline) {
            Validator.printBaselineDiff(run.baseline(), run.sandboxed(), System.out);
        }
        System.out.println("Results: " + outDir.resolve(Report.JSON) + "  page: " + outDir.resolve(Report.HTML));
        // A directory the probe could not run in was not tested: never let it pass a profile.
        List<EnvironmentResult> unprobed = run.sandboxed().stream().filter(e -> e.status() != EnvStatus.RAN).toList();
        if (!unprobed.isEmpty()) {
            unprobed.forEach(e -> System.err.println("fsconform: the probe did not run in " + e.name() + ": " + e.reason()));
            if (profile != Profile.NONE) {
                System.out.printf("Profile %s (%s): NOT CHECKED: %d of %d directories could not be probed%n", profile.id(),
                        profile.meaning(), unprobed.size(), run.sandboxed().size());
            }
            return EXIT_UNUSABLE;
        }
        List<GradedCell> violations = profile.violations(inside);
        if (profile == Profile.NONE) {
            return 0;
        }
        List<GradedCell> apart = Profile.acrossMounts(inside);
        if (profile == Profile.AGENT_SANDBOX && !apart.isEmpty()) {
            System.out.printf("Judged apart: %s spanning two directories failed only because the directories are separate"
                    + " mounts (rename may refuse that; not a violation)%n", Profile.count(apart.size(), "pattern cell"));
        }
        System.out.printf("Profile %s (%s): %s%n", profile.id(), profile.meaning(),
                violations.isEmpty() ? "honoured" : "VIOLATED by " + Profile.count(violations.size(), "cell"));
        return violations.isEmpty() ? 0 : EXIT_VIOLATED;
    }
}
