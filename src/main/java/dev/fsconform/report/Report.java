package dev.fsconform.report;

import dev.fsconform.files.AtomicFiles;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compatibility matrix: {@code matrix.html} (one self-contained page) and {@code matrix.json}
 * (the merged results, same schema) in one directory. Commands that produce results call this.
 */
public final class Report {
    public static final String HTML = "matrix.html";
    public static final String JSON = "matrix.json";
    /**
     * The page's size budget (docs/performance.md: 100 environments × 400 cells fit). A larger matrix is
     * shown truncated, with a notice naming what was left out; matrix.json always keeps everything.
     */
    public static final long PAGE_BUDGET_BYTES = 5_000_000;

    private Report() {
    }

    /** Grades {@code merged} with the standard tables and writes both files into {@code outDir}. */
    public static void write(ResultsFile merged, Path outDir) {
        write(merged, Verdicts.of(merged), outDir);
    }

    /**
     * Writes both files from verdicts already made (they must be {@code merged}'s, in its order). Both are
     * written and synced before either replaces its predecessor, so a full or read-only directory keeps the
     * earlier pair intact and the error names the reason.
     */
    public static void write(ResultsFile merged, List<EnvironmentVerdict> verdicts, Path outDir) {
        Map<Path, String> texts = new LinkedHashMap<>();
        texts.put(outDir.resolve(JSON), ResultsJson.write(merged));
        texts.put(outDir.resolve(HTML), html(merged, verdicts));
        try {
            AtomicFiles.replace(texts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + JSON + " and " + HTML + " into " + outDir.toAbsolutePath()
                    + ": " + AtomicFiles.reason(e) + " (an earlier pair there is unchanged)", e);
        }
    }

    /** The page's text, within {@link #PAGE_BUDGET_BYTES} or saying what it left out; nothing is written. */
    public static String html(ResultsFile merged, List<EnvironmentVerdict> verdicts) {
        return PageBudget.render(merged, verdicts, PAGE_BUDGET_BYTES);
    }
}
