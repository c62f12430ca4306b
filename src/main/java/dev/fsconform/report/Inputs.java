package dev.fsconform.report;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.input.Limits;
import dev.fsconform.input.Quote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
        // Plain or gzip-compressed (CI artifacts, recorded runs), within the documented size bound.
        ResultsFile file = ResultsJson.read(path);
        check(file, origin);
        return new Input(origin, file);
    }

    /**
     * Every file, each checked as {@link #read} does, and together within {@link Limits#CELLS} cells so
     * that grading, the summary and the page stay within a known memory and size.
     */
    public static List<Input> readAll(Collection<Path> paths) {
        List<Input> inputs = new ArrayList<>();
        long cells = 0;
        for (Path p : paths) {
            Input in = read(p);
            cells += in.file().environments().stream().mapToLong(e -> e.cells().size()).sum();
            if (cells > Limits.CELLS) {
                throw new InvalidResultsException(p + ": the results read so far hold " + cells + " cells, more than the "
                        + Limits.CELLS + " one grade or report handles: split them into several reports");
            }
            inputs.add(in);
        }
        return inputs;
    }

    static void check(ResultsFile file, String origin) {
        List<EnvironmentResult> envs = file.environments();
        for (int i = 0; i < envs.size(); i++) {
            EnvironmentResult env = envs.get(i);
            String where = origin + ": environment #" + (i + 1);
            if (env.name() == null || env.name().isBlank()) {
                throw new InvalidResultsException(where + " has no name");
            }
            if (env.name().length() > Limits.NAME_CHARS || env.name().chars().anyMatch(Character::isISOControl)) {
                throw new InvalidResultsException(where + " has a name of " + env.name().length() + " characters"
                        + " with control characters or more than " + Limits.NAME_CHARS + ": " + Quote.of(env.name()));
            }
            if (env.status() == null) {
                throw new InvalidResultsException(where + " (" + Quote.of(env.name()) + ") has no status");
            }
            for (Observation o : env.cells()) {
                if (o.operation() == null || o.scenario() == null || o.status() == null) {
                    throw new InvalidResultsException(where + " (" + env.name()
                            + ") has a cell without operation, scenario or status");
                }
                if (o.ran() && o.outcome() == null) {
                    throw new InvalidResultsException(where + " (" + Quote.of(env.name()) + ") has a cell that ran without an outcome: "
                            + Quote.of(o.operation()) + " × " + Quote.of(o.scenario()));
                }
            }
        }
    }
}
