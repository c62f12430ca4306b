package dev.fsconform.report;

import dev.fsconform.result.ResultsFile;

/** One results file to merge, with the name it was read from (for messages and de-duplication). */
public record Input(String origin, ResultsFile file) {
}
