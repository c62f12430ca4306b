package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.container.ContainerMatrix;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `fsconform matrix` with container environments but no reachable engine: said once, listed as SKIPPED. */
class MatrixContainersIT {
    @TempDir
    Path tmp;

    @AfterEach
    void forgetHost() {
        System.clearProperty("fsconform.docker.host");
    }

    @Test
    void withoutDockerContainerEnvironmentsAreSkippedWithTheReason() {
        // GIVEN a Docker host nothing answers on
        System.setProperty("fsconform.docker.host", "unix://" + tmp.resolve("nothing.sock"));

        // WHEN matrix runs one host-lab environment and the host engine's container environments
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("matrix", "--only", "plain,docker-host-*",
                "--out", tmp.resolve("out").toString(), "--work-dir", tmp.toString(), "--jobs", "1");

        // THEN it says so, still runs the host lab, and lists the container environments as SKIPPED with that reason
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains(ContainerMatrix.NOT_FOUND);
        List<EnvironmentResult> envs = ResultsJson.read(tmp.resolve("out/matrix.json")).environments();
        assertThat(envs).filteredOn(e -> e.name().equals("plain")).extracting(EnvironmentResult::status)
                .containsExactly(EnvStatus.RAN);
        assertThat(envs).filteredOn(e -> e.name().startsWith("docker-")).hasSize(6).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EnvStatus.SKIPPED);
            assertThat(e.reason()).startsWith(ContainerMatrix.NOT_FOUND);
        });
        assertThat(run.out()).contains("docker-host-rootfs").contains("SKIPPED");
    }

    @Test
    void noDockerLeavesThemOut() {
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("matrix", "--only", "plain,docker-host-*", "--no-docker",
                "--out", tmp.resolve("out").toString(), "--work-dir", tmp.toString(), "--jobs", "1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(ResultsJson.read(tmp.resolve("out/matrix.json")).environments()).extracting(EnvironmentResult::name)
                .containsExactly("plain");
    }
}
