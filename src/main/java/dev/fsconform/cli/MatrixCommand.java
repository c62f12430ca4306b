package dev.fsconform.cli;

import dev.fsconform.container.ContainerCatalog;
import dev.fsconform.container.ContainerMatrix;
import dev.fsconform.container.KernelBuilds;
import dev.fsconform.container.KernelContainers;
import dev.fsconform.container.KernelEngine;
import dev.fsconform.env.EnvironmentCatalog;
import dev.fsconform.env.HostLab;
import dev.fsconform.env.KernelCatalog;
import dev.fsconform.env.KernelLab;
import dev.fsconform.env.Launcher;
import dev.fsconform.env.Milestones;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import dev.fsconform.report.Report;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Builds every host-lab environment this machine can, probes each, and writes one results file. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = {"Run the probe in every environment of the host lab (matrix/environments.yaml): "
                + "filesystems, overlay option sets, mount boundaries, Landlock and seccomp sandboxes; "
                + "then in Docker containers (matrix/containers.yaml): storage drivers, mounts, seccomp profiles.",
            "Environments this machine cannot build are SKIPPED with the reason. Exit code 0 when every "
                + "environment ran or was skipped, 1 when one failed to set up or timed out, 2 for bad input."})
final class MatrixCommand implements Callable<Integer> {
    @Option(names = "--only", paramLabel = "PATTERN",
            description = "Only environments whose name or group matches one of these comma-separated globs (overlay-*,landlock).")
    String only;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/fsconform-matrix",
            description = "Directory for matrix.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Environments built at once (default: the number of cores).")
    Integer jobs;

    @Option(names = "--no-docker", description = "Leave out the container environments (matrix/containers.yaml).")
    boolean noDocker;

    @Option(names = "--kernels", paramLabel = "LIST",
            description = "Also boot kernels of matrix/kernels.yaml in QEMU and run their host-lab environments inside "
                    + "each (rows ENV@kernel-NAME): comma-separated names, all, ci (the ones CI runs) or none. Default: none, "
                    + "unless an --only pattern names a kernel row (tmpfs@kernel-6.1): minutes per kernel under emulation.")
    String kernels;

    @Option(names = "--timings", description = "Also print each environment's set-up, probe and teardown time.")
    boolean timings;

    @Option(names = "--json-only", description = "Write matrix.json only: no grading, no page, a one-line summary "
            + "(for a run whose results another fsconform merges and grades, as a kernel guest's are).")
    boolean jsonOnly;

    @Option(names = "--environments", paramLabel = "FILE",
            description = "Environment definitions (default: ./matrix/environments.yaml if present, else the copy in the jar).")
    Path environments;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "/var/tmp",
            description = "Where run directories and sparse images go; best on disk, as images on a tmpfs use RAM (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--apps", paramLabel = "JOBS",
            description = "Real tools in every environment: " + AppsOption.SYNTAX
                    + " (default: each environment's own `apps` in the environments file).")
    String apps;

    @Option(names = "--probe-threads", description = "Probe each host-lab environment on a thread of this JVM instead of in a "
            + "process of its own, where it allows (not under user namespaces or runsc, bubblewrap, firejail): the thread "
            + "enters the environment's mount namespace and takes its Landlock domain and seccomp filter. Quicker; "
            + "kernel guests run this way.")
    boolean probeThreads;

    @Option(names = "--stream-to", paramLabel = "DIR", description = "Also write each host-lab environment's results to "
            + "DIR/NAME.json as soon as it is done (a kernel guest hands its rows out this way: one that runs out of "
            + "time keeps those that finished).")
    Path streamTo;

    @Option(names = "--after", paramLabel = "FILE", hidden = true, description = "Start each environment once the kernel "
            + "lists the filesystems it mounts or FILE exists (at most 120 s), those needing nothing missing first: a "
            + "kernel guest loads its filesystem modules while this JVM runs, and writes FILE when it is done.")
    Path after;


    /**
     * Set by {@link GuestMatrix}, never by an option: the host read and checked the whole --environments
     * file, so only the environments --only picks are bound.
     */
    boolean pickedOnly;

    @Override
    public Integer call() throws Exception {
        Milestones.mark("matrix command parsed");
        HostLab.detectAhead();
        EnvironmentCatalog catalog = catalog();
        List<String> chosen = HostLab.select(catalog, only);
        ContainerCatalog containers = noDocker ? null : ContainerCatalog.standard();
        List<String> chosenContainers = containers == null ? List.of() : containers.selectNames(only);
        String kernelSpec = kernels != null ? kernels : only != null && only.contains("@kernel-") ? "all" : "none";
        // Not read for no kernels: a kernel guest's own matrix, under emulation, has no use for it.
        KernelCatalog kernelCatalog = KernelLab.none(kernelSpec) ? null : KernelCatalog.standard();
        List<String> kernelRows = kernelCatalog == null ? List.of() : KernelLab.rowNames(kernelCatalog, catalog,
                KernelLab.select(kernelCatalog, kernelSpec), only);
        if (!kernelRows.isEmpty()) {
            KernelLab.checkSettings(true);
        }
        if (chosen.isEmpty() && chosenContainers.isEmpty() && kernelRows.isEmpty()) {
            throw new UsageException("--only " + only + " matches no environment of " + catalog.origin()
                    + (containers == null ? "" : " or " + containers.origin()));
        }
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new UsageException("--jobs must be at least 1");
        }
        Path results = JsonTarget.check(Dirs.outputDir(out, "--out").resolve("matrix.json"));
        Path root = Dirs.writableDir(workDir, "--work-dir");
        if (!root.toString().matches("[A-Za-z0-9_./+-]+")) {
            throw new UsageException("--work-dir " + root + " has characters overlay mount options cannot carry (use letters, digits, . _ + - /)");
        }
        if (apps != null) {
            AppsOption.jobs(apps);
        }
        Milestones.mark("catalogues read");
        System.err.printf("fsconform matrix: %d environment(s) from %s%s%s%n", chosen.size(), catalog.origin(),
                chosenContainers.isEmpty() ? "" : ", " + chosenContainers.size() + " from " + containers.origin(),
                kernelRows.isEmpty() ? "" : ", " + kernelRows.size() + " in kernel guests from " + kernelCatalog.origin());
        long t0 = System.nanoTime();
        Path stream = streamTo == null ? null : Dirs.outputDir(streamTo, "--stream-to");
        MatrixRun report = MatrixRun.of(HostLab.run(catalog, new HostLab.Options(root, only, n, Launcher.of(jar()), apps,
                probeThreads, r -> {
                    if (stream != null) {
                        ResultsJson.write(ResultsFile.of("fsconform " + Version.current(),
                                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), List.of(r)), stream.resolve(r.name() + ".json"));
                    }
                }, after), System.err::println));
        if (!chosenContainers.isEmpty()) {
            ContainerMatrix.Report c = ContainerMatrix.run(containers,
                    new ContainerMatrix.Options(jar(), only, n, root, null, System.err::println, apps));
            System.err.println("containers: " + c.engine());
            report = report.plus(c.results(), c.reaped());
        }
        if (!kernelRows.isEmpty()) {
            KernelEngine engine = KernelEngine.of(root, null, System.err::println);
            KernelLab.Report k = KernelLab.run(kernelCatalog, catalog, new KernelLab.Options(root, kernelSpec, only,
                    results.getParent().resolve("kernels"), Launcher.of(jar()), KernelContainers.factory(jar(), engine),
                    KernelBuilds.factory(engine)), System.err::println);
            System.err.println("kernels: " + k.vm());
            report = report.plus(k.results(), k.reaped());
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ResultsFile file = ResultsFile.of("fsconform " + Version.current(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), report.results());
        boolean failed = report.results().stream()
                .anyMatch(r -> r.status() == EnvStatus.SETUP_ERROR || r.status() == EnvStatus.TIMEOUT);
        if (jsonOnly) {
            ResultsJson.write(file, results);
            Milestones.mark("matrix.json written");
            System.out.printf("fsconform matrix: %d environment(s) in %.1f s: %s; results: %s%n", report.results().size(),
                    millis / 1000.0, report.results().stream().collect(Collectors.groupingBy(r -> r.status().name(),
                            TreeMap::new, Collectors.counting())), results);
            return failed ? 1 : 0;
        }
        List<EnvironmentVerdict> verdicts = Verdicts.of(file);
        Report.write(file, verdicts, results.getParent());
        MatrixSummary.print(report, verdicts, millis, results.getParent(), System.out);
        if (timings) {
            MatrixTimings.print(report.results(), millis, n, System.out);
        }
        return failed ? 1 : 0;
    }

    private EnvironmentCatalog catalog() {
        if (environments != null) {
            if (!Files.isRegularFile(environments)) {
                throw new UsageException("--environments " + environments.toAbsolutePath() + " is not a file");
            }
            return pickedOnly ? EnvironmentCatalog.loadPicked(environments, only) : EnvironmentCatalog.load(environments);
        }
        return EnvironmentCatalog.standard();
    }

    /**
     * The jar this code runs from, so probes run exactly this build. -Dfsconform.jar first: run from
     * classes, or from Maven's thin jar (as in Failsafe), the code source has no dependencies inside.
     */
    static Path jar() {
        try {
            String property = System.getProperty("fsconform.jar");
            if (property != null && Files.isRegularFile(Path.of(property))) {
                return Path.of(property);
            }
            Path self = Path.of(MatrixCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
                return self;
            }
            throw new UsageException("cannot find the fsconform jar to start probes from (running from " + self
                    + "): run it as java -jar fsconform.jar, or set -Dfsconform.jar=PATH");
        } catch (URISyntaxException | SecurityException e) {
            throw new UsageException("cannot find the fsconform jar: " + e.getMessage());
        }
    }
}
