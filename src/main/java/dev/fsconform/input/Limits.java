package dev.fsconform.input;

/**
 * The documented bounds on what fsconform reads (docs/reliability.md). Past a bound an input is refused
 * with one line that names the bound, so a hostile or broken file costs a bounded amount of memory and
 * time instead of exhausting the JVM.
 */
public final class Limits {
    /** A results file's JSON text, after gzip decompression: a gzip bomb stops here. */
    public static final long RESULTS_BYTES = 256L << 20;
    /** Cells in all the results files one `grade` or `report` reads: keeps memory and the page bounded. */
    public static final int CELLS = 200_000;
    /** A catalogue or expectation table (YAML); the shipped ones are a few KB. */
    public static final long CATALOGUE_BYTES = 1L << 20;
    /** One string value in JSON or YAML (a detail, a reason, a description). */
    public static final int STRING_CHARS = 1 << 20;
    /** An environment name, wherever it comes from; names are shown in columns and file names. */
    public static final int NAME_CHARS = 200;
    /** Nesting of JSON or YAML structures; results nest six deep. */
    public static final int DEPTH = 64;

    private Limits() {
    }
}
