package dev.fsconform.cause;

import java.util.ArrayList;
import java.util.List;

/** Evidence lines in the order a rule found them, without repeats. */
final class Evidence {
    private final List<String> lines = new ArrayList<>();

    Evidence add(String line) {
        if (line != null && !line.isBlank() && !lines.contains(line)) {
            lines.add(line);
        }
        return this;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
