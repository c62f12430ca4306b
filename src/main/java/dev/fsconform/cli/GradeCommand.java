package dev.fsconform.cli;

import dev.fsconform.result.CellKey;
import dev.fsconform.grade.Grade;
import dev.fsconform.report.Input;
import dev.fsconform.report.Inputs;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Grades stored results with the current expectation table: summary, then one diagnosis per environment. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grade results files with the current expectations, attribute causes, print a diagnosis.")
final class GradeCommand implements Callable<Integer> {
    static final int EXIT_UNKNOWN = 3;

    @Parameters(paramLabel = "RESULTS", arity = "1..*", description = "Results JSON files (from probe --json).")
    List<Path> files;

    @Option(names = "--strict", description = "Exit " + EXIT_UNKNOWN + " when any cell is UNKNOWN (no expectation row).")
    boolean strict;

    @Option(names = "--no-diagnosis", description = "Print only the one-screen summary.")
    boolean noDiagnosis;

    @Option(names = "--explain", paramLabel = "OP:SCENARIO",
            description = "Also print one cell's grade, row, rationale, reference and causes with evidence (repeatable).")
    List<String> explain = new ArrayList<>();

    @Override
    public Integer call() {
        List<CellKey> cells = explain.stream().map(CellExplanation::parse).toList();
        // Every file is read and checked before anything is printed (gzip included, as report reads it).
        List<ResultsFile> read = Inputs.readAll(files).stream().map(Input::file).toList();
        List<EnvironmentVerdict> verdicts = new ArrayList<>();
        read.forEach(f -> verdicts.addAll(Verdicts.of(f)));
        ConsoleSummary.print(verdicts, System.out);
        if (!noDiagnosis) {
            verdicts.forEach(v -> System.out.println(System.lineSeparator() + v.diagnosis()));
        }
        for (CellKey key : cells) {
            verdicts.forEach(v -> CellExplanation.print(v, key, System.out));
        }
        boolean unknown = verdicts.stream().anyMatch(v -> v.counts().get(Grade.UNKNOWN) > 0);
        return strict && unknown ? EXIT_UNKNOWN : 0;
    }
}
