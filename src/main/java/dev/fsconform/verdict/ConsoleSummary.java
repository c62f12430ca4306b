package dev.fsconform.verdict;

import java.io.PrintStream;
import java.util.List;

/** One screen: per environment its name, status, counts per grade and top findings with cause ids. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static void print(List<EnvironmentVerdict> verdicts, PrintStream out) {
        throw new UnsupportedOperationException("not yet");
    }
}
