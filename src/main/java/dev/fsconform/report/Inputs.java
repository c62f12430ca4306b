package dev.fsconform.report;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads results files for merging. Everything a merge or a page relies on is checked here, so a bad
 * file is one line naming it before anything is written, never a failure halfway through a report.
 */
public final class Inputs {
    private Inputs() {
    }

    public static Input read(Path path) {
        String origin = path.toString();
        if (!Files.exists(path)) {
            throw new InvalidResultsException(origin + ": no such file");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidResultsException(origin + ": is a directory, not a results file");
        }
        ResultsFile file = ResultsJson.read(text(path), origin);
        check(file, origin);
        return new Input(origin, file);
    }

    /** The file's text; gzip-compressed results (CI artifacts, recorded runs) are read transparently. */
    private static String text(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new InvalidResultsException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    static void check(ResultsFile file, String origin) {
        List<EnvironmentResult> envs = file.environments();
        for (int i = 0; i < envs.size(); i++) {
            EnvironmentResult env = envs.get(i);
            String where = origin + ": environment #" + (i + 1);
            if (env.name() == null || env.name().isBlank()) {
                throw new InvalidResultsException(where + " has no name");
            }
            if (env.status() == null) {
                throw new InvalidResultsException(where + " (" + env.name() + ") has no status");
            }
            for (Observation o : env.cells()) {
                if (o.operation() == null || o.scenario() == null || o.status() == null) {
                    throw new InvalidResultsException(where + " (" + env.name()
                            + ") has a cell without operation, scenario or status");
                }
                if (o.ran() && o.outcome() == null) {
                    throw new InvalidResultsException(where + " (" + env.name() + ") has a cell that ran without an outcome: "
                            + o.operation() + " × " + o.scenario());
                }
            }
        }
    }
}
