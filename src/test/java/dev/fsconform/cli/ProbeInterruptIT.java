package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C or SIGTERM in the middle of a probe: its scratch directories and half-written results go with it. */
class ProbeInterruptIT {
    /** Far enough into the catalogue that cells are being made in both directories, well before its end. */
    private static final String MID_RUN_CELL = "c0150";

    @TempDir
    Path one;
    @TempDir
    Path two;

    @Test
    void sigtermMidRunLeavesNothingInEitherDirectory() throws Exception {
        // GIVEN a probe process that is making cells in both directories
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(java, "-jar", System.getProperty("fsconform.jar", "target/fsconform.jar"), "probe",
                one.toString(), "--second", two.toString(), "--quiet", "--json", one.resolve("r.json").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!reached(one) && probe.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(probe.isAlive()).as("the probe was still running at cell " + MID_RUN_CELL).isTrue();

            // WHEN it gets SIGTERM
            probe.destroy();
            assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe exits after SIGTERM").isTrue();

            // THEN it did not finish, and neither directory keeps a scratch tree or a temporary results file
            assertThat(probe.exitValue()).as("exit status after SIGTERM").isNotZero();
            assertThat(entries(one)).as("left in the first directory").isEmpty();
            assertThat(entries(two)).as("left in the second directory").isEmpty();
        } finally {
            probe.destroyForcibly();
        }
    }

    private static boolean reached(Path root) throws Exception {
        for (String scratch : entries(root)) {
            if (Files.exists(root.resolve(scratch).resolve(MID_RUN_CELL))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
