package dev.fsconform.env;

import dev.fsconform.input.Quote;
import java.util.Locale;

/** Image sizes as written in the YAML: a number with an optional K, M or G suffix (powers of 1024). */
final class Sizes {
    private Sizes() {
    }

    static long parse(String size, String field) {
        if (size == null || !size.strip().matches("(?i)\\d+[kmg]?")) {
            throw new IllegalArgumentException(field + " must look like 64M, 1G or 300000000 (got " + Quote.of(size) + ")");
        }
        String s = size.strip().toUpperCase(Locale.ROOT);
        char unit = s.charAt(s.length() - 1);
        long shift = unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : 0;
        long n = Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1));
        return n << shift;
    }

    /** Mount options are passed to mount -o as one argument: keep them to what that syntax allows. */
    static String options(String options, String field) {
        if (options == null || options.isBlank()) {
            return "";
        }
        String o = options.strip();
        if (!o.matches("[A-Za-z0-9_.=,:+/-]+")) {
            throw new IllegalArgumentException(field + " '" + o + "' has characters mount -o does not take");
        }
        return o;
    }
}
