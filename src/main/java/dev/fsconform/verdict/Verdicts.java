package dev.fsconform.verdict;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import java.util.List;

/** Grades every cell of an environment with the standard table and sums it up. */
public final class Verdicts {
    private Verdicts() {
    }

    public static EnvironmentVerdict of(EnvironmentResult env) {
        throw new UnsupportedOperationException("not yet");
    }

    public static List<EnvironmentVerdict> of(ResultsFile file) {
        return file.environments().stream().map(Verdicts::of).toList();
    }
}
