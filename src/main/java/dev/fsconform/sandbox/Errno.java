package dev.fsconform.sandbox;

import java.util.Locale;
import java.util.OptionalInt;

/** errno numbers to the names users know (EXDEV, not 18) and back, via jnr-constants' Linux table. */
final class Errno {
    private Errno() {
    }

    static String name(int errno) {
        jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(errno);
        return e != null && e.defined() ? e.name() : "errno " + errno;
    }

    /** "EXDEV (Invalid cross-device link)": the name for matching, the text for humans. */
    static String describe(int errno) {
        jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(errno);
        return e != null && e.defined() ? e.name() + " (" + e.description() + ")" : "errno " + errno;
    }

    /** Accepts a name such as ENOSYS (any case) or a positive number. */
    static OptionalInt parse(String text) {
        String t = text.trim();
        if (t.matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(t);
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        }
        try {
            jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(t.toUpperCase(Locale.ROOT));
            return e.defined() ? OptionalInt.of(e.intValue()) : OptionalInt.empty();
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }
}
