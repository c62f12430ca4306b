package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerMatrixTest {
    @TempDir
    Path tmp;

    @Test
    void withoutAnEngineEveryEnvironmentIsSkippedWithOneReason() {
        // GIVEN a Docker host where nothing listens
        List<String> progress = new ArrayList<>();
        ContainerMatrix.Options o = new ContainerMatrix.Options(tmp.resolve("fsconform.jar"), "docker-host-*,docker-vfs-rootfs", 2,
                tmp, "unix://" + tmp.resolve("no.sock"), progress::add, null);

        // WHEN the container matrix runs
        ContainerMatrix.Report r = ContainerMatrix.run(ContainerCatalog.standard(), o);

        // THEN its report says so once, and lists every chosen environment as SKIPPED with that reason
        assertThat(progress).isEmpty();
        assertThat(r.engine()).startsWith(ContainerMatrix.NOT_FOUND).contains("no.sock");
        assertThat(r.results()).hasSize(7).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EnvStatus.SKIPPED);
            assertThat(e.reason()).startsWith(ContainerMatrix.NOT_FOUND).contains("no.sock").doesNotContain("\n");
            assertThat(e.cells()).isEmpty();
        });
        assertThat(r.results()).extracting(EnvironmentResult::name).startsWith("docker-host-rootfs").endsWith("docker-vfs-rootfs");
    }

    @Test
    void probeArgumentsPairTheMountWithTheRootfsAndCarryTheLabels() {
        ContainerEnv tmpfs = new ContainerEnv("t", "g", "d", EngineKind.DIND, "vfs", null, new Generation("docker-20.10", "bookworm"),
                Mount.TMPFS, null, null);

        List<String> argv = ContainerRun.argv(tmpfs, Map.of(Labels.DRIVER, "vfs"));

        assertThat(String.join(" ", argv)).startsWith("java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /opt/fsconform/fsconform.jar probe /tmp --second /seed --name t --json -")
                .contains("--label docker.storage-driver=vfs").contains("--label docker.mount=tmpfs")
                .contains("--label docker.seccomp=default").contains("--jobs 1");
    }
}
