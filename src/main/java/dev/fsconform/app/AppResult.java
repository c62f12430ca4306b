package dev.fsconform.app;

import dev.fsconform.result.AppTrace;
import java.nio.file.Path;
import java.util.List;

/**
 * How one app job fared: the outcome (probe vocabulary), the errno of the deciding call, what the
 * tool did, a line for readers, what the end state got wrong, and the parents of the deciding call
 * (the job's directory when nothing was refused) for cause attribution.
 */
public record AppResult(String outcome, String errnoName, AppTrace trace, String detail, List<String> problems,
                        Path source, Path target, double micros) {
    public AppResult {
        problems = List.copyOf(problems);
    }
}
