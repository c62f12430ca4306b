package dev.fsconform.input;

/** A value from an input, shown inside a one-line message: control characters escaped, length capped. */
public final class Quote {
    private static final int SHOWN = 80;

    private Quote() {
    }

    /** {@code 'value'}, or {@code 'start…' (N chars)} for a long one. */
    public static String of(String value) {
        return value == null ? "null" : "'" + bare(value) + "'" + (value.length() > SHOWN ? " (" + value.length() + " chars)" : "");
    }

    /** The value as {@link #of} shows it, without the quotes: for ids that read as words. */
    public static String bare(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        int shown = Math.min(value.length(), SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(value.length() > SHOWN ? "…" : "").toString();
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
