package dev.fsconform.report;

import dev.fsconform.grade.Grade;
import java.util.Locale;

/** Class names for grades and statuses: derived from enum constants only, never from data. */
final class Css {
    private Css() {
    }

    static String grade(Grade g) {
        return "g-" + g.name().toLowerCase(Locale.ROOT);
    }

    static String status(Enum<?> status) {
        return "s-" + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
