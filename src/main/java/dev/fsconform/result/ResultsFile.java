package dev.fsconform.result;

import java.util.List;

/** The versioned results document: what `probe --json`, `matrix` and `report` read and write. */
public record ResultsFile(String schema, int schemaVersion, String tool, String generatedAt,
                          List<EnvironmentResult> environments) {
    public static final String SCHEMA = "fsconform-results";
    public static final int VERSION = 3;

    public ResultsFile {
        if (environments == null) {
            throw new IllegalArgumentException("no \"environments\" list");
        }
        environments = List.copyOf(environments);
    }

    public static ResultsFile of(String tool, String generatedAt, List<EnvironmentResult> environments) {
        return new ResultsFile(SCHEMA, VERSION, tool, generatedAt, environments);
    }
}
