package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.files.Trees;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernel built without the host's apt ({@code -Dfsconform.kernels.builder=image}): with an empty
 * cache, the oldest kernel is fetched and built in a kernel-tools container and tmpfs is booted on it
 * with real cells; a second run finds it cached (no download, no build, no builder container). The
 * entry's name is the host builder's exactly when the image's busybox is the host's: the inputs decide,
 * not the builder.
 */
class KernelBuilderIT {
    private static final Path BASE = Path.of("target", "kernel-builder-it").toAbsolutePath();
    private static final String ONLY = "tmpfs@kernel-5.10";

    @Test
    void theOldestKernelIsBuiltInTheImageBootsAndIsCachedForTheNextRun() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "booting kernel guests needs root here");
        assumeTrue(!"none".equals(System.getProperty("fsconform.kernels", "ci")), "-Dfsconform.kernels=none");
        EngineApi api;
        try {
            api = EngineApi.connect(null);
        } catch (EngineException e) {
            assumeTrue(false, "no container engine: " + e.getMessage());
            return;
        }
        // kernel-tools through the machine's own image cache first: its build lock is there (CI builds it
        // in the background), while the runs below lock in their empty cache and would build it again.
        Process tools = new ProcessBuilder("bash", "matrix/docker/build-images.sh", "kernel-tools").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(tools.waitFor(30, TimeUnit.MINUTES) && tools.exitValue() == 0).as("build-images.sh kernel-tools").isTrue();
        Trees.delete(BASE);
        Path cache = Files.createDirectories(BASE.resolve("cache"));
        Path work = Files.createDirectories(BASE.resolve("work"));

        Process cold = fsconform(cache, work, "cold");
        assertThat(cold.waitFor(15, TimeUnit.MINUTES)).as("the cold run ends").isTrue();
        String log = log("cold");
        assertThat(cold.exitValue()).as(log).isZero();
        assertThat(log).contains("builder image:fsconform/kernel-tools:").contains("image built by image:fsconform/kernel-tools:");
        EnvironmentResult tmpfs = row(BASE.resolve("out-cold"));
        assertThat(tmpfs.status()).as(tmpfs.reason()).isEqualTo(EnvStatus.RAN);
        assertThat(tmpfs.cells()).hasSizeGreaterThan(100);
        assertThat(tmpfs.fingerprint().kernel()).startsWith("5.10.");

        List<Path> entries;
        try (Stream<Path> s = Files.list(cache.resolve("kernels"))) {
            entries = s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith("5.10-")).toList();
        }
        assertThat(entries).as("one complete entry").hasSize(1);
        Path entry = entries.get(0);
        assertThat(entry.resolve("complete")).exists();
        assertThat(Files.getOwner(entry.resolve("vmlinuz")).getName()).as("files of the invoking user").isEqualTo("root");
        String packages = Files.readString(entry.resolve("complete")).strip();
        Path scripts = Files.createDirectories(BASE.resolve("scripts"));
        dev.fsconform.input.MatrixFile.extractScripts(scripts, new String[] {"kernels/build-kernel.sh", "kernels/guest-init.sh"});
        byte[] script = Files.readAllBytes(scripts.resolve("kernels/build-kernel.sh"));
        byte[] init = Files.readAllBytes(scripts.resolve("kernels/guest-init.sh"));
        byte[] imageBusybox = busyboxOf(log);
        assertThat(entry.getFileName().toString()).as("the entry's key hashes the image's busybox")
                .isEqualTo("5.10-" + key(packages, script, init, imageBusybox));
        Path host = Path.of("/bin/busybox");
        if (Files.isRegularFile(host)) {
            boolean same = java.util.Arrays.equals(Files.readAllBytes(host), imageBusybox);
            assertThat(entry.getFileName().toString().equals("5.10-" + key(packages, script, init, Files.readAllBytes(host))))
                    .as("the host builder would reuse this entry exactly when its busybox is the image's").isEqualTo(same);
        }

        Process warm = fsconform(cache, work, "warm");
        assertThat(warm.waitFor(15, TimeUnit.MINUTES)).as("the warm run ends").isTrue();
        String warmLog = log("warm");
        assertThat(warm.exitValue()).as(warmLog).isZero();
        assertThat(warmLog).contains("image cached").doesNotContain("downloading").doesNotContain("image built");
        assertThat(row(BASE.resolve("out-warm")).status()).isEqualTo(EnvStatus.RAN);

        assertThat(api.containers(Map.of(Labels.OWNER_LABEL, Labels.OWNER, Labels.ENV_LABEL, KernelBuilds.ENV)))
                .as("builder containers left").isEmpty();
        try (Stream<Path> s = Files.list(work)) {
            assertThat(s.toList()).as("left in the work directory").isEmpty();
        }
        Trees.delete(BASE);
    }

    /** The image's busybox, as a container of the image the cold run used copies it out. */
    private static byte[] busyboxOf(String log) throws Exception {
        int at = log.indexOf("image:fsconform/kernel-tools:");
        String tag = log.substring(at + "image:".length()).split("[\\s)]", 2)[0];
        Path out = BASE.resolve("busybox");
        Process p = new ProcessBuilder("docker", "run", "--rm", "--network", "none", "--entrypoint", "sh", tag, "-c",
                "cat \"$(command -v busybox)\"").redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("busybox of " + tag).isTrue();
        return Files.readAllBytes(out);
    }

    /** The cache key as docs/kernels.md states it: SHA-256 of packages, builder script, init and busybox; 16 hex digits. */
    private static String key(String packages, byte[] script, byte[] init, byte[] busybox) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(packages.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update(script);
        md.update(init);
        md.update(busybox);
        return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static Process fsconform(Path cache, Path work, String tag) throws IOException {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dfsconform.kernels.builder=image", "-jar",
                Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar")).toAbsolutePath().toString(),
                "matrix", "--no-docker", "--kernels", "5.10", "--only", ONLY, "--work-dir", work.toString(),
                "--out", BASE.resolve("out-" + tag).toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(BASE.resolve(tag + ".log").toFile());
        pb.environment().put("FSCONFORM_IMAGE_CACHE", cache.toString());
        return pb.start();
    }

    private static String log(String tag) throws IOException {
        return Files.readString(BASE.resolve(tag + ".log"));
    }

    private static EnvironmentResult row(Path out) throws IOException {
        ResultsFile f = ResultsJson.read(out.resolve("matrix.json"));
        return f.environments().stream().filter(r -> r.name().equals(ONLY)).findFirst().orElseThrow();
    }
}
