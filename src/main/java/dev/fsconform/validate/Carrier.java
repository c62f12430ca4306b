package dev.fsconform.validate;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Brings the probe into a sandbox fsconform did not build: runs {@code java -jar fsconform.jar ARGS}
 * inside it and returns what the probe printed. Implementations check their own preconditions and
 * throw {@link SandboxUnusableException} with one line naming the problem.
 */
interface Carrier extends AutoCloseable {
    /** One-line description for reports ("exec: bwrap --bind / /"). */
    String describe();

    /**
     * Runs the probe with these arguments inside the sandbox; returns its standard output, and hands
     * each line to {@code lines} as soon as the carrier sees it (for a streaming probe: as cells finish).
     */
    String runProbe(List<String> probeArgs, Consumer<String> lines, Duration timeout);

    @Override
    default void close() {
    }
}
