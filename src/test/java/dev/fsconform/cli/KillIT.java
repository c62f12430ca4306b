package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host-lab matrix SIGKILLed while a loop-device environment is set up: the next run, from another
 * working directory, reaps its run directory and every loop device and process tied to it, and
 * completes. (The container phase's kill is {@code LeftoversIT}; the 20-kill series over every phase
 * is bench/kill-test.sh.)
 */
class KillIT {
    @TempDir
    Path work;
    @TempDir
    Path elsewhere;

    @Test
    void theNextRunReapsWhatAKilledHostLabLeftAndCompletes() throws Exception {
        String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip();
        assumeTrue("0".equals(uid), "the host lab mounts filesystems and needs root (uid is " + uid + ")");
        // GIVEN a matrix that is setting up its ext4 image (a loop device) when it is SIGKILLed
        Process killed = matrix("tmpfs,ext4,plain", "killed");
        String mark = "fsconform-run-" + killed.pid() + "-";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (killed.isAlive() && !loopsNaming(mark) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(killed.isAlive()).as("the run was still going when its loop device appeared").isTrue();
        killed.destroyForcibly().waitFor();
        assertThat(runDirs(mark)).as("what the kill left in the work directory").isNotEmpty();

        // WHEN the next run starts
        Process next = matrix("plain", "next");
        assertThat(next.waitFor(5, TimeUnit.MINUTES)).as("the next run finished").isTrue();
        String log = Files.readString(elsewhere.resolve("next.log"));

        // THEN it completed, said what it reaped, and nothing of the killed run is left
        assertThat(next.exitValue()).as("next run's exit; output:%n%s", log).isZero();
        assertThat(log).contains("reaper: removed " + work.resolve(mark));
        assertThat(runDirs(mark)).as("run directories of the killed run").isEmpty();
        assertThat(loopsNaming(mark)).as("loop devices of the killed run").isFalse();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("mounts").doesNotContain(mark);
        assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(mark)))
                .as("processes naming the killed run").isFalse();
    }

    private Process matrix(String only, String tag) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-jar", Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar"))
                .toAbsolutePath().toString(), "matrix", "--no-docker", "--apps", "none", "--only", only,
                "--work-dir", work.toString(), "--out", elsewhere.resolve(tag).toString())
                .directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(elsewhere.resolve(tag + ".log").toFile())
                .start();
    }

    private List<Path> runDirs(String mark) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(p -> p.getFileName().toString().startsWith(mark)).toList();
        }
    }

    private static boolean loopsNaming(String mark) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("losetup", "-a").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.contains(mark);
    }
}
