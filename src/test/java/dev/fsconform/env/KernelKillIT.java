package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of `fsconform matrix --kernels` while its guest boots, and again while the guest's host
 * lab probes: every process the run had started (QEMU, its enclave) must be gone at once, and the
 * next run must leave no run directory, mount or loop device of the killed ones. The smallest
 * kernel of the CI pair, one environment, a private work directory: only this test's runs are
 * looked at. bench/kernel-kill.sh repeats it with random moments.
 */
class KernelKillIT {
    private static final Path BASE = Path.of("target", "kernel-kill-it").toAbsolutePath();
    private static final String KERNEL = "5.10";

    @Test
    void aKilledRunLeavesNothingOnceTheNextRunStarts() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "booting kernel guests needs root here");
        assumeTrue(!"none".equals(System.getProperty("fsconform.kernels", "ci")), "-Dfsconform.kernels=none");
        assumeTrue(Tool.missing(List.of(Tool.QEMU, Tool.BUSYBOX)) == null, "no QEMU or busybox here");
        RunDir.deleteTree(BASE);
        Path work = Files.createDirectories(BASE.resolve("work"));

        // During the boot: QEMU is up and the guest's kernel has started its init.
        Killed boot = killWhen(work, "boot", out -> contains(out.resolve("console.log"), "fsconform-guest: init"));
        assertNothingRunning(boot);
        // During the probe: the guest's host lab has printed its header and is setting up or probing.
        Killed probe = killWhen(work, "probe", out -> contains(out.resolve("progress.log"), "fsconform matrix:"));
        assertNothingRunning(probe);
        assertThat(runDirs(work)).as("the killed runs' directories, until the next run reaps them").isNotEmpty();

        // The next run, of anything: its reaper goes first.
        Process next = fsconform(work, "next", "matrix", "--no-docker", "--only", "tmpfs", "--apps", "none", "--jobs", "1");
        assertThat(next.waitFor(5, TimeUnit.MINUTES)).as("the next run ends").isTrue();
        String log = Files.readString(BASE.resolve("next.log"));
        assertThat(next.exitValue()).as(log).isZero();
        assertThat(log).as("the reaper reports what it removed").contains("reaper: removed");
        assertThat(runDirs(work)).as("run directories left under " + work).isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("mounts below " + work).doesNotContain(work + "/");
        assertThat(losetup()).as("loop devices backed below " + work).doesNotContain(work + "/");
        assertThat(processesNaming(work.toString())).as("processes naming " + work).isEmpty();
        RunDir.deleteTree(BASE);
    }

    record Killed(String what, List<ProcessHandle> descendants, long jvm) {
    }

    /** Starts a one-environment kernel run and SIGKILLs its JVM once {@code ready} holds for the guest's share. */
    private static Killed killWhen(Path work, String what, Predicate<Path> ready) throws Exception {
        Process p = fsconform(work, what, "matrix", "--no-docker", "--kernels", KERNEL, "--only", "tmpfs@kernel-" + KERNEL,
                "--out", BASE.resolve("out-" + what).toString());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        Path out = null;
        while (System.nanoTime() < deadline && p.isAlive()) {
            out = share(work, p.pid());
            if (out != null && ready.test(out)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(p.isAlive()).as("%s: the run is still going when it is killed; log:%n%s", what,
                Files.readString(BASE.resolve(what + ".log"))).isTrue();
        assertThat(out).as("%s: the guest's share", what).isNotNull();
        List<ProcessHandle> descendants = p.descendants().toList();
        assertThat(descendants).as("%s: QEMU is among the run's processes", what)
                .anyMatch(h -> h.info().command().orElse("").contains("qemu-system"));
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return new Killed(what, descendants, p.pid());
    }

    /** Everything the killed JVM had started dies with it: its enclave's init ends, and the pid namespace with it. */
    private static void assertNothingRunning(Killed k) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && k.descendants().stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
        assertThat(k.descendants()).filteredOn(ProcessHandle::isAlive)
                .extracting(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .as("%s: processes of the killed run still alive 10 s after its SIGKILL", k.what()).isEmpty();
    }

    private static Process fsconform(Path work, String tag, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar")).toAbsolutePath().toString()));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--work-dir", work.toString()));
        if (!List.of(args).contains("--out")) {
            argv.addAll(List.of("--out", BASE.resolve("out-" + tag).toString()));
        }
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(BASE.resolve(tag + ".log").toFile()).start();
    }

    /** The results share of the run with this pid: RUN/kernel-K/out. */
    private static Path share(Path work, long pid) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(d -> d.getFileName().toString().startsWith(RunDir.PREFIX + pid + "-"))
                    .map(d -> d.resolve("kernel-" + KERNEL).resolve("out")).filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> runDirs(Path work) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(d -> d.getFileName().toString().startsWith(RunDir.PREFIX)).toList();
        }
    }

    private static String losetup() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("losetup", "-a").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static List<String> processesNaming(String needle) {
        return ProcessHandle.allProcesses().filter(h -> h.pid() != ProcessHandle.current().pid())
                .map(h -> h.info().commandLine().orElse("")).filter(c -> c.contains(needle + "/")).toList();
    }
}
