package dev.fsconform.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fsconform validate --podman IMAGE` and `--preset crun`, run as a podman user runs them: the packaged
 * jar from a working directory of its own, on an image in the user's own podman storage. Every cell is
 * graded with known causes, and the podman service fsconform started is gone afterwards, conmon included.
 */
class ValidatePodmanIT {
    private static final String JAR = System.getProperty("fsconform.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static String image;
    private static boolean loaded;

    @TempDir
    Path tmp;

    record Run(int code, String out, String err, long pid) {
    }

    @BeforeAll
    static void imageInPodman() throws Exception {
        assumeTrue(onPath("podman"), "podman is not installed (matrix/podman/setup.sh)");
        assumeTrue(Files.exists(Path.of("/var/run/docker.sock")), "no Docker engine to take fsconform's base image from");
        // GIVEN fsconform's base image (a Java runtime on busybox), which a podman user would have pulled:
        // built here without a registry, so it comes over from Docker by save and load
        image = run("bash", "matrix/docker/build-images.sh", "base").lines().filter(l -> l.startsWith("base="))
                .findFirst().orElseThrow().substring("base=".length());
        if (!sh("podman image exists " + image)) {
            assertThat(sh("docker save " + image + " | podman load -q")).as("docker save | podman load").isTrue();
            loaded = true;
        }
    }

    @AfterAll
    static void removeLoadedImage() throws Exception {
        if (loaded) {
            sh("podman rmi " + image);
        }
    }

    @Test
    void podmanImageIsProbedWithEveryCellGradedAndNoServiceLeft() throws Exception {
        // WHEN validate runs the probe in the image through podman's own default runtime
        Run r = validate("--podman", image, "--dir", "/tmp", "--expect", "posix-local");

        // THEN it exits 0 or 1 with every cell graded, and podman's service and conmon are gone
        assertGradedAndClean(r);
        assertThat(r.out).contains("sandbox:/tmp").contains("Profile posix-local");
    }

    @Test
    void crunPresetRunsTheImageUnderCrun() throws Exception {
        // WHEN the crun preset names the runtime of the same image
        Run r = validate("--preset", "crun", "--podman", image, "--dir", "/tmp", "--expect", "posix-local");

        // THEN the same holds, and the results say crun ran the container
        assertGradedAndClean(r);
        ResultsFile results = ResultsJson.read(tmp.resolve("out/matrix.json"));
        assertThat(results.environments()).singleElement()
                .satisfies(e -> assertThat(String.valueOf(e.fingerprint().labels())).contains("crun"));
    }

    private void assertGradedAndClean(Run r) throws Exception {
        assertThat(r.code).as("exit code; out: %s; err: %s", r.out, r.err).isIn(0, 1);
        assertThat(r.err).as("stderr").doesNotContain("Exception").doesNotContain("\tat ");
        ResultsFile results = ResultsJson.read(tmp.resolve("out/matrix.json"));
        List<EnvironmentVerdict> verdicts = Verdicts.of(results);
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.env().status()).as(v.env().reason()).isEqualTo(EnvStatus.RAN);
            assertThat(v.cells()).filteredOn(c -> c.grade() != null).isNotEmpty().allSatisfy(c -> {
                assertThat(c.grade()).as("%s %s", c.observation().operation(), c.observation().scenario()).isNotEqualTo(Grade.UNKNOWN);
                assertThat(c.causes()).extracting(Cause::id).doesNotContain(Causes.UNKNOWN.id());
            });
        });
        // The service's run root names the validate process: nothing of it may outlive it.
        String ours = "/run/fsconform-podman/" + r.pid + "-";
        List<String> left = ProcessHandle.allProcesses().map(ph -> ph.info().commandLine().orElse(""))
                .filter(c -> c.contains(ours)).toList();
        assertThat(left).as("podman service or conmon of this validate still alive").isEmpty();
        assertThat(run("podman", "ps", "-aq", "--filter", "label=dev.fsconform.env=validate").strip())
                .as("validate's containers in podman").isEmpty();
    }

    private Run validate(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR, "validate", "--out", tmp.resolve("out").toString(),
                "--apps", "mv"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(Files.createDirectories(tmp.resolve("cwd")).toFile())
                .redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("validate finished").isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8), p.pid());
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv)).isZero();
        return out;
    }

    private static boolean sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor() == 0;
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d.isEmpty() ? "." : d, tool)));
    }
}
