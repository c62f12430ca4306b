package dev.fsconform.validate;

import java.util.List;

/**
 * Brings the probe into a sandbox fsconform did not build: runs {@code java -jar fsconform.jar ARGS}
 * inside it and returns what the probe printed. Implementations check their own preconditions and
 * throw {@link SandboxUnusableException} with one line naming the problem.
 */
interface Carrier extends AutoCloseable {
    /** One-line description for reports ("exec: bwrap --bind / /"). */
    String describe();

    /** Runs the probe with these arguments inside the sandbox; returns its standard output. */
    String runProbe(List<String> probeArgs);

    @Override
    default void close() {
    }
}
