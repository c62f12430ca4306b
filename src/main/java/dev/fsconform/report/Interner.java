package dev.fsconform.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns values for the page's compact encoding: each distinct value is stored once and referred to
 * by its index. A string table keeps null at index 0, so "no value" costs one digit.
 */
final class Interner<T> {
    private final Map<T, Integer> index = new HashMap<>();
    private final List<T> values = new ArrayList<>();
    private final boolean nullAtZero;

    private Interner(boolean nullAtZero) {
        this.nullAtZero = nullAtZero;
        if (nullAtZero) {
            values.add(null);
        }
    }

    static Interner<String> strings() {
        return new Interner<>(true);
    }

    /** A table of tuples or lists, which are never null: indices start at 0. */
    static <T> Interner<T> tuples() {
        return new Interner<>(false);
    }

    int id(T value) {
        if (value == null && nullAtZero) {
            return 0;
        }
        return index.computeIfAbsent(value, v -> {
            values.add(v);
            return values.size() - 1;
        });
    }

    List<T> values() {
        return values;
    }
}
