package dev.fsconform.cli;

import dev.fsconform.report.Input;
import dev.fsconform.report.Inputs;
import dev.fsconform.report.Merge;
import dev.fsconform.report.Report;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Merges results files into the compatibility matrix: DIR/matrix.html and DIR/matrix.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Merge results files (other machines, CI runners, kernels) into DIR/matrix.html and DIR/matrix.json.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RESULTS.json", arity = "1..*", description = "Results files written by probe or matrix.")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for matrix.html and matrix.json (created if missing).")
    Path out;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() {
        Path outDir = Dirs.outputDir(out, "--out");
        // Every input is read and checked before anything is written; the same path twice is one file.
        Set<Path> distinct = new LinkedHashSet<>();
        files.forEach(f -> distinct.add(f.toAbsolutePath().normalize()));
        List<Input> inputs = Inputs.readAll(distinct);
        ResultsFile merged = Merge.of(inputs, "fsconform " + Version.current());
        List<EnvironmentVerdict> verdicts = Verdicts.of(merged);
        Report.write(merged, verdicts, outDir);
        if (!quiet) {
            ConsoleSummary.print(verdicts, System.out);
            System.out.println("wrote " + outDir.resolve(Report.HTML) + " and " + outDir.resolve(Report.JSON));
        }
        return 0;
    }
}
