package dev.fsconform.report;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The compatibility matrix: {@code matrix.html} (one self-contained page) and {@code matrix.json}
 * (the merged results, same schema) in one directory. Commands that produce results call this.
 */
public final class Report {
    public static final String HTML = "matrix.html";
    public static final String JSON = "matrix.json";

    private Report() {
    }

    /** Grades {@code merged} with the standard tables and writes both files into {@code outDir}. */
    public static void write(ResultsFile merged, Path outDir) {
        write(merged, Verdicts.of(merged), outDir);
    }

    /** Writes both files from verdicts already made (they must be {@code merged}'s, in its order). */
    public static void write(ResultsFile merged, List<EnvironmentVerdict> verdicts, Path outDir) {
        String html = html(merged, verdicts);
        try {
            Files.createDirectories(outDir);
            writeAtomically(outDir.resolve(HTML), html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outDir.resolve(HTML) + ": " + e.getMessage(), e);
        }
        ResultsJson.write(merged, outDir.resolve(JSON));
        readableByAll(outDir.resolve(HTML));
        readableByAll(outDir.resolve(JSON));
    }

    /** Temporary files are created 0600; a report is meant to be published (CI artifacts, web servers). */
    private static void readableByAll(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // A filesystem without POSIX permissions keeps its own defaults; the report is still complete.
        }
    }

    /** The page's text; nothing is written. */
    public static String html(ResultsFile merged, List<EnvironmentVerdict> verdicts) {
        return Page.render(PageViews.of(merged, verdicts));
    }

    private static void writeAtomically(Path path, String text) throws IOException {
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".fsconform-", ".html.tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
