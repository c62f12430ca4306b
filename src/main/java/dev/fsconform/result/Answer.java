package dev.fsconform.result;

/**
 * What a cell's call answered, as the probe judged it: the outcome, the raw errno (number and name) or
 * Java exception it came with, and a detail line.
 *
 * @param outcome {@code OK}, {@code COPIED}, {@code WRONG_STATE}, {@code PARTIAL}, the errno name or a
 *     Java exception's simple name
 */
public record Answer(String outcome, Integer errno, String errnoName, String exception, String detail) {
    /** An outcome with nothing raw behind it: {@code OK}, {@code COPIED}, {@code WRONG_STATE}. */
    public static Answer of(String outcome) {
        return new Answer(outcome, null, null, null, null);
    }

    /** A call that failed with an errno, the errno's name being the outcome. */
    public static Answer errno(String name, int number) {
        return new Answer(name, number, name, null, null);
    }

    /** A Java call that threw, the exception's simple name being the outcome. */
    public static Answer exception(String simpleName) {
        return new Answer(simpleName, null, null, simpleName, null);
    }

    public Answer withDetail(String line) {
        return new Answer(outcome, errno, errnoName, exception, line);
    }
}
