package dev.fsconform.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * validate --image with the engine's default runtime: the probe image (which holds a seed tree in an
 * image layer at /seed) probed from outside, with the jar and a runtime copied in.
 */
class ImageCarrierIT {
    private static String image;

    @BeforeAll
    static void probeImage() throws Exception {
        assumeTrue(Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null,
                "no Docker engine (run matrix/docker/install-engine.sh)");
        Process p = new ProcessBuilder("bash", "matrix/docker/build-images.sh", "--jar", System.getProperty("fsconform.jar"),
                "probe").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("build-images.sh").isZero();
        image = out.lines().filter(l -> l.startsWith("probe=")).findFirst().orElseThrow().substring("probe=".length());
    }

    @Test
    void probesEachDirectoryInsideTheImage() throws IOException {
        // GIVEN the probe image and two directories in it: /seed (seed tree in an image layer) and /tmp
        Validator v = new Validator(new Validator.Sandbox.Image(image, Optional.empty(), Optional.empty(), false), Optional.empty());

        // WHEN validate runs there with the default runtime
        Validator.Run run = v.run(List.of("/seed", "/tmp"), false);

        // THEN both ran inside the container, and the image layer's directory cannot be renamed (overlay lower layer)
        assertThat(run.sandboxed()).extracting(EnvironmentResult::status).containsExactly(EnvStatus.RAN, EnvStatus.RAN);
        EnvironmentResult seed = run.sandboxed().get(0);
        assertThat(seed.description()).contains("image " + image);
        Observation rename = seed.cells().stream()
                .filter(o -> o.operation().equals("rename") && o.scenario().equals("seeded-dir-same-dir")).findFirst().orElseThrow();
        assertThat(rename.ran()).isTrue();
        String fsType = seed.fingerprint().mounts().get(0).fsType();
        assumeTrue("overlay".equals(fsType), "the engine's storage driver serves the rootfs as " + fsType + ", not overlay");
        assertThat(rename.outcome()).isEqualTo("EXDEV");
    }

    @Test
    void missingImageIsOneLine() {
        Validator v = new Validator(new Validator.Sandbox.Image("localhost:1/fsconform/no-such-image:0", Optional.empty(), Optional.empty(), false), Optional.empty());

        assertThatThrownBy(() -> v.run(List.of("/tmp"), false)).isInstanceOf(SandboxUnusableException.class)
                .hasMessageStartingWith("image localhost:1/fsconform/no-such-image:0 not found locally and cannot be pulled: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unknownRuntimeIsOneLineAndLeavesNoContainer() throws Exception {
        Validator v = new Validator(new Validator.Sandbox.Image(image, Optional.of("no-such-runtime"), Optional.empty(), false), Optional.empty());

        assertThatThrownBy(() -> v.run(List.of("/tmp"), false)).isInstanceOf(SandboxUnusableException.class)
                .hasMessageContaining("no-such-runtime").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(validateContainers()).isEmpty();
    }

    /** Containers validate made (label dev.fsconform.env=validate) that still exist. */
    private static String validateContainers() throws Exception {
        Process p = new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=dev.fsconform.owner=fsconform",
                "--filter", "label=dev.fsconform.env=validate").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
