package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.files.Trees;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernel axis through the image launcher ({@code -Dfsconform.kernels.launcher=image}): the oldest
 * kernel booted from its locally built image in a container, on two environments whose outcome is
 * known (tmpfs runs; Landlock on 5.10, which has none, is SKIPPED with the kernel's reason). Before
 * that, one run is SIGKILLed while its guest boots: its container and QEMU must be gone within 10 s,
 * and the next run must reap its directory and leave nothing itself.
 */
class KernelImageIT {
    private static final Path BASE = Path.of("target", "kernel-image-it").toAbsolutePath();
    private static final String ONLY = "tmpfs@kernel-5.10,landlock-best-effort@kernel-5.10";

    @Test
    void theOldestKernelBootsFromItsImageAndNothingIsLeft() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "booting kernel guests needs root here");
        assumeTrue(!"none".equals(System.getProperty("fsconform.kernels", "ci")), "-Dfsconform.kernels=none");
        EngineApi api;
        try {
            api = EngineApi.connect(null);
        } catch (EngineException e) {
            assumeTrue(false, "no container engine: " + e.getMessage());
            return;
        }
        Trees.delete(BASE);
        Path work = Files.createDirectories(BASE.resolve("work"));

        Process killed = fsconform(work, "killed");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (System.nanoTime() < deadline && killed.isAlive() && !booting(work, killed.pid())) {
            Thread.sleep(100);
        }
        assertThat(killed.isAlive()).as("the first run is still booting when it is killed; log:%n%s", log("killed")).isTrue();
        assertThat(containers(api, work)).as("the guest's container runs").isNotEmpty();
        killed.destroyForcibly();
        killed.waitFor(10, TimeUnit.SECONDS);
        long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < gone && !(containers(api, work).isEmpty() && qemuNaming(work).isEmpty())) {
            Thread.sleep(100);
        }
        assertThat(qemuNaming(work)).as("QEMU 10 s after the SIGKILL").isEmpty();
        assertThat(containers(api, work)).as("the killed run's container 10 s after the SIGKILL").isEmpty();

        long t0 = System.nanoTime();
        Process p = fsconform(work, "run");
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("the run ends").isTrue();
        System.out.printf("KernelImageIT: %s through the image launcher in %.0f s%n", ONLY, (System.nanoTime() - t0) / 1e9);
        String log = log("run");
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).as("the reaper removes what the killed run left").contains("reaped directory " + work);
        ResultsFile results = ResultsJson.read(BASE.resolve("out-run").resolve("matrix.json"));
        EnvironmentResult tmpfs = row(results, "tmpfs@kernel-5.10");
        assertThat(tmpfs.status()).as(tmpfs.reason()).isEqualTo(EnvStatus.RAN);
        assertThat(tmpfs.cells()).hasSizeGreaterThan(100);
        assertThat(tmpfs.fingerprint().kernel()).startsWith("5.10.");
        Map<String, String> labels = tmpfs.fingerprint().labels();
        assertThat(labels.get("kernel.launcher")).startsWith("image:fsconform/kernel-5.10:");
        assertThat(labels.get("kernel.accel")).isEqualTo(kvm() ? "kvm" : "tcg");
        // A missing archive only costs speed (-Xshare:auto says nothing): look into the image.
        Process archive = new ProcessBuilder("docker", "run", "--rm", "--network", "none", "--entrypoint", "test",
                labels.get("kernel.launcher").substring("image:".length()), "-s", KernelContainers.DIR + "/fsconform.jsa")
                .redirectErrorStream(true).start();
        assertThat(archive.waitFor(60, TimeUnit.SECONDS) && archive.exitValue() == 0).as("the image holds a class-data archive")
                .isTrue();
        EnvironmentResult landlock = row(results, "landlock-best-effort@kernel-5.10");
        assertThat(landlock.status()).isEqualTo(EnvStatus.SKIPPED);
        assertThat(landlock.reason()).contains("the kernel offers no Landlock");

        assertThat(containers(api, work)).as("containers of this test's runs").isEmpty();
        assertThat(qemuNaming(work)).as("QEMU processes").isEmpty();
        try (Stream<Path> s = Files.list(work)) {
            assertThat(s.toList()).as("left in the work directory").isEmpty();
        }
        Trees.delete(BASE);
    }

    private static Process fsconform(Path work, String tag) throws IOException {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dfsconform.kernels.launcher=image", "-jar",
                Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar")).toAbsolutePath().toString(),
                "matrix", "--no-docker", "--kernels", "5.10", "--only", ONLY, "--work-dir", work.toString(),
                "--out", BASE.resolve("out-" + tag).toString()));
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(BASE.resolve(tag + ".log").toFile()).start();
    }

    /** The guest's kernel has started its init: its console is in the run's results share. */
    private static boolean booting(Path work, long pid) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(d -> d.getFileName().toString().startsWith("fsconform-run-" + pid + "-"))
                    .map(d -> d.resolve("kernel-5.10/out/console.log")).filter(Files::isRegularFile)
                    .anyMatch(c -> read(c).contains("fsconform-guest: init"));
        }
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static String log(String tag) throws IOException {
        return Files.readString(BASE.resolve(tag + ".log"));
    }

    private static EnvironmentResult row(ResultsFile f, String name) {
        return f.environments().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** This test's kernel containers: every bind of a kernel guest names the run's directory in the work directory. */
    private static List<String> containers(EngineApi api, Path work) throws EngineException {
        return api.containers(Map.of(Labels.OWNER_LABEL, Labels.OWNER, Labels.ENV_LABEL, "kernel-5.10")).stream()
                .filter(c -> String.valueOf(c.getCommand()).contains(work + "/"))
                .map(c -> c.getId()).toList();
    }

    private static List<String> qemuNaming(Path work) {
        return ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains("qemu-system") && c.contains(work + "/")).toList();
    }

    private static boolean kvm() {
        return Files.isReadable(Path.of("/dev/kvm"))
                && (Files.isDirectory(Path.of("/sys/module/kvm_intel")) || Files.isDirectory(Path.of("/sys/module/kvm_amd")));
    }
}
