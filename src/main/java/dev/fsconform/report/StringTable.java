package dev.fsconform.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns values for the page's compact encoding: each distinct value is stored once and referred to
 * by index. Index 0 of a string table is null, so "no value" costs one digit.
 */
final class StringTable<T> {
    private final Map<T, Integer> index = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    static StringTable<String> strings() {
        StringTable<String> t = new StringTable<>();
        t.values.add(null);
        return t;
    }

    /** A table whose entries start at 0 (for tuples and lists, where there is no null). */
    static <T> StringTable<T> tuples() {
        return new StringTable<>();
    }

    int id(T value) {
        if (value == null && !values.isEmpty() && values.get(0) == null) {
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
