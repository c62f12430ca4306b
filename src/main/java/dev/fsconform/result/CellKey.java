package dev.fsconform.result;

import dev.fsconform.input.Quote;

/**
 * Which cell, within one environment: an operation id (a rename variant, {@value #PATTERN} or {@value #APP})
 * and a scenario id (a fixture shape, a pattern's id or a job's id). Parsed once where it comes in; a view
 * makes its own display string from it.
 */
public record CellKey(String operation, String scenario) {
    /** The operation id of an application pattern's cell; its scenario is the pattern's id. */
    public static final String PATTERN = "pattern";
    /** The operation id of a real tool's cell; its scenario is the job's id. */
    public static final String APP = "app";

    public CellKey {
        if (operation == null || operation.isBlank() || scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException("a cell needs an operation and a scenario (got " + Quote.of(operation) + ", "
                    + Quote.of(scenario) + ")");
        }
    }

    /** {@code OP:SCENARIO}, as the command line and cell globs write a cell. */
    public static CellKey parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("a cell is OP:SCENARIO (e.g. rename:dir-cross-dir), got " + Quote.of(text));
        }
        return new CellKey(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The {@code OP:SCENARIO} form {@link #parse} reads. */
    public String text() {
        return operation + ":" + scenario;
    }

    public boolean pattern() {
        return PATTERN.equals(operation);
    }

    public boolean app() {
        return APP.equals(operation);
    }
}
