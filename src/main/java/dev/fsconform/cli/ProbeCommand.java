package dev.fsconform.cli;

import dev.fsconform.app.AppJob;
import dev.fsconform.grade.Grader;
import dev.fsconform.probe.Probe;
import dev.fsconform.probe.ProbeConfig;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ProbeStream;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs the whole catalogue in DIR (and DIR2), prints a summary, optionally writes results JSON. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Run every rename variant × scenario in a fresh scratch directory under DIR.")
final class ProbeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Directory to probe (a scratch directory is made and removed inside it).")
    Path dir;

    @Option(names = "--second", paramLabel = "DIR2", description = "Second directory, on another mount, for the cross-mount scenarios.")
    Path second;

    @Option(names = "--seeds", paramLabel = "PATH", description = "Seed tree (default: DIR/fsconform-seed when present).")
    Path seeds;

    @Option(names = "--name", paramLabel = "ENV", description = "Environment name in the results (default: ${DEFAULT-VALUE}).", defaultValue = "local")
    String name;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label recorded in the fingerprint (repeatable).")
    List<String> labelArgs = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write results JSON to FILE ('-': to standard output, instead of the summary).")
    String json;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--apps", paramLabel = "JOBS", defaultValue = "none",
            description = "Real tools to run as app cells: " + AppsOption.SYNTAX + ". Default: ${DEFAULT-VALUE}.")
    String apps;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Worker threads for the cells (default: the available processors; environment runs use 1).")
    Integer jobsArg;

    @Option(names = "--stream", description = "With --json -: print the fingerprint and each cell as one JSON line as it finishes, before the results.")
    boolean stream;

    @Override
    public Integer call() throws Exception {
        Map<String, String> labels = labels();
        Path primary = Dirs.writableDir(dir, "DIR");
        Path secondDir = second == null ? null : Dirs.writableDir(second, "--second");
        Path seedRoot = seeds == null ? null : seeds.toAbsolutePath().normalize();
        if (seedRoot != null && !Files.isDirectory(seedRoot)) {
            throw new UsageException("--seeds " + seedRoot + " is not a directory");
        }
        boolean toStdout = "-".equals(json);
        if (stream && !toStdout) {
            throw new UsageException("--stream goes with --json -");
        }
        Path out = json == null || toStdout ? null : JsonTarget.check(Path.of(json));
        if (!quiet && !toStdout) {
            // Load the expectation table while the probe runs: the summary grades the result afterwards.
            Thread warm = new Thread(Grader::standard, "fsconform-grader-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
        int workers = jobsArg == null ? Runtime.getRuntime().availableProcessors() : jobsArg;
        if (workers < 1) {
            throw new UsageException("--jobs must be at least 1, got " + workers);
        }
        List<AppJob> jobs = AppsOption.jobs(apps);
        Probe probe = new Probe(ProbeConfig.full(primary, secondDir, seedRoot, name, labels).withApps(jobs), workers);
        EnvironmentResult result = stream ? probe.run(new Probe.CellListener() {
            @Override
            public void started(Fingerprint fingerprint) {
                emit(ProbeStream.line(fingerprint));
            }

            @Override
            public void cellDone(Observation cell, long nanos) {
                emit(ProbeStream.line(cell));
            }
        }) : probe.run();
        ResultsFile file = ResultsFile.of("fsconform " + Version.current(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), List.of(result));
        if (out != null) {
            ResultsJson.write(file, out);
        }
        if (toStdout) {
            System.out.print(ResultsJson.write(file));
        } else if (!quiet) {
            ProbeSummary.print(result, System.out);
        }
        return 0;
    }

    private static void emit(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** KEY=VALUE pairs in order; picocli's own message for a malformed map entry is hard to read. */
    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String l : labelArgs) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--label wants KEY=VALUE, got '" + l + "'");
            }
            labels.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return labels;
    }
}
