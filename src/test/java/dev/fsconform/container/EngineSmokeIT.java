package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Smoke test of the container plumbing: a long-running container from the local probe image, one
 * exec of {@code java -version} in it, close, and nothing left behind. Needs no registry.
 * The image comes from -Dfsconform.probe.image (what matrix/docker/build-images.sh printed), else
 * the newest local fsconform/probe image; the test is skipped with a reason if there is neither,
 * or no engine.
 */
class EngineSmokeIT {

    private static final String RUN_ID = System.getProperty("fsconform.run.id",
            "it-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis());

    private static DockerEngine engine;
    private static String image;
    /** Why the test cannot run here, or null. Checked in the test so that reports count a skip. */
    private static String skipReason;

    @BeforeAll
    static void engineAndImage() {
        Optional<DockerEngine> e = DockerEngine.fromEnvironment();
        if (e.isEmpty()) {
            skipReason = "DOCKER_HOST is not a unix socket: " + System.getenv("DOCKER_HOST");
            return;
        }
        Optional<DockerEngine.Version> v = e.get().version();
        if (v.isEmpty()) {
            skipReason = "no Docker engine answers on " + e.get().socket() + " (run matrix/docker/install-engine.sh)";
            return;
        }
        engine = e.get();
        // Before Testcontainers makes its client: it reads api.version then.
        String api = DockerEngine.configureDockerJava().orElseThrow();
        System.out.printf("engine %s (API %s..%s), docker-java api.version=%s%n",
                v.get().version(), v.get().minApiVersion(), v.get().apiVersion(), api);

        image = System.getProperty("fsconform.probe.image", "");
        if (image.isBlank()) {
            image = newestLocalProbeImage();
        }
        if (image == null) {
            skipReason = "no fsconform/probe image (run matrix/docker/build-images.sh probe)";
        }
    }

    private static String newestLocalProbeImage() {
        return DockerClientFactory.instance().client().listImagesCmd()
                .withFilter("reference", List.of("fsconform/probe")).exec().stream()
                .filter(i -> i.getRepoTags() != null && i.getRepoTags().length > 0)
                .max((a, b) -> Long.compare(a.getCreated(), b.getCreated()))
                .map(i -> i.getRepoTags()[0]).orElse(null);
    }

    @AfterAll
    static void reap() throws IOException {
        if (engine != null) {
            DockerEngine.Reaped r = engine.reap(RUN_ID);
            assertThat(r.containers()).as("containers left behind by run " + RUN_ID).isEmpty();
        }
    }

    @Test
    void longRunningContainerRunsJavaByExec() throws Exception {
        assumeTrue(skipReason == null, skipReason);
        long t0 = System.nanoTime();
        long started;
        long executed;
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                // Local image only: there is no registry to pull from.
                .withImagePullPolicy(name -> false)
                .withLabels(Map.of(DockerEngine.OWNER_LABEL, DockerEngine.OWNER, DockerEngine.RUN_LABEL, RUN_ID))
                // Kept alive so that every probe is an exec, not a container start.
                .withCommand("sleep", "2147483647")
                .withStartupTimeout(Duration.ofSeconds(30))) {
            c.start();
            started = System.nanoTime();

            ExecResult r = c.execInContainer("java", "-version");
            executed = System.nanoTime();

            assertThat(r.getExitCode()).as(r.getStderr()).isZero();
            assertThat(r.getStderr()).contains("version \"17");
            List<String> labelled = DockerClientFactory.instance().client().listContainersCmd()
                    .withLabelFilter(Map.of(DockerEngine.OWNER_LABEL, DockerEngine.OWNER,
                            DockerEngine.RUN_LABEL, RUN_ID))
                    .exec().stream().map(x -> x.getId()).toList();
            assertThat(labelled).containsExactly(c.getContainerId());
        }
        long closed = System.nanoTime();
        System.out.printf("start %d ms, exec java -version %d ms, close %d ms%n",
                (started - t0) / 1_000_000, (executed - started) / 1_000_000, (closed - executed) / 1_000_000);
    }
}
