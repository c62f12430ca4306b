package dev.fsconform.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The coverage-guided fuzz run (Jazzer) of the targets {@link ReadersFuzzTest} mutates. Not part of
 * `mvn verify` (its instrumentation would slow every other test in the JVM): bench/fuzz.sh runs one
 * target for a given time, starting from the recorded seeds in
 * src/test/resources/dev/fsconform/fuzz/ReadersCoverageFuzzInputs/, and keeps what it finds there.
 */
class ReadersCoverageFuzz {
    @FuzzTest
    void results(byte[] input) {
        Readers.results(input);
    }

    @FuzzTest
    void environments(byte[] input) {
        Readers.environments(input);
    }

    @FuzzTest
    void kernels(byte[] input) {
        Readers.kernels(input);
    }

    @FuzzTest
    void containers(byte[] input) {
        Readers.containers(input);
    }

    @FuzzTest
    void expectations(byte[] input) {
        Readers.expectations(input);
    }

    @FuzzTest
    void declared(byte[] input) {
        Readers.declared(input);
    }

    @FuzzTest
    void mountinfo(byte[] input) {
        Readers.mountinfo(input);
    }

    @FuzzTest
    void status(byte[] input) {
        Readers.status(input);
    }

    @FuzzTest
    void policies(FuzzedDataProvider data) {
        Readers.policies(data.consumeString(64), data.consumeRemainingAsString());
    }

    @FuzzTest
    void commandLines(FuzzedDataProvider data) {
        Readers.cli(LINES.next(new CommandLines.Choices() {
            public int pick(int n) {
                return data.consumeInt(0, n - 1);
            }

            public String text() {
                return data.consumeString(16);
            }
        }));
    }

    private static final CommandLines LINES = new CommandLines(Readers.scratchDir());
}
