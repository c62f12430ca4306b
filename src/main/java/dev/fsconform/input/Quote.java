package dev.fsconform.input;

/** A value from an input, shown inside a one-line message: control characters escaped, length capped. */
public final class Quote {
    private static final int SHOWN = 80;

    private Quote() {
    }

    /** {@code 'value'}, or {@code 'start…' (N chars)} for a long one. */
    public static String of(String value) {
        return value == null ? "null" : "'" + bare(value) + "'" + (shownChars(value) < value.length() ? " (" + value.length() + " chars)" : "");
    }

    /**
     * The value as {@link #of} shows it, without the quotes: for ids that read as words. The cap is on
     * what is shown, escapes included: a value of control characters is six times longer escaped.
     */
    public static String bare(String value) {
        if (value == null) {
            return "null";
        }
        int n = shownChars(value);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(escaped(value.charAt(i)));
        }
        return b.append(n < value.length() ? "…" : "").toString();
    }

    /** How many of the value's characters are shown: until their escaped form reaches the cap. */
    private static int shownChars(String value) {
        int length = 0;
        int i = 0;
        for (; i < value.length() && length < SHOWN; i++) {
            length += escaped(value.charAt(i)).length();
        }
        return i;
    }

    private static String escaped(char c) {
        if (c == '\n') {
            return "\\n";
        }
        if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)) {
            return String.format("\\u%04x", (int) c);
        }
        return String.valueOf(c);
    }

    /** The first line of a library's message, capped: what a one-line error may carry of it. */
    public static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("unknown error");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
