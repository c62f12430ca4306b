package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.input.MatrixFile;
import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build-images.sh finds an image that exists without waiting for a build lock (another checkout's
 * build may hold one for half an hour), lists what it handed out as in use by the asking run, and
 * judges runs alive the way {@link RunId} does, so pruning keeps every image a live run was given.
 */
class ImageLocksIT {
    @TempDir
    Path dir;
    private Path script;

    @BeforeEach
    void script() throws IOException {
        MatrixFile.extractScripts(dir, Images.SCRIPTS);
        script = dir.resolve(Images.SCRIPTS[0]);
    }

    @Test
    void existingImagesAreFoundWhileEveryBuildLockIsHeld() throws Exception {
        EngineApi api = engineOrSkip();
        Path jar = Path.of(System.getProperty("fsconform.jar"));
        // GIVEN the images of this jar built (or found) once, and a cache whose build locks another process holds
        Images built;
        try (Cleanup cleanup = new Cleanup(api, Files.createDirectories(dir.resolve("run")))) {
            built = Images.ensure(api, jar, java.util.Set.of(), false, RunId.current(), cleanup, line -> { });
        }
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Process holder = new ProcessBuilder("flock", cache.resolve(".lock").toString(), "flock",
                cache.resolve(".lock-probe").toString(), "sleep", "600").start();
        try {
            awaitLocked(cache.resolve(".lock-probe"));

            // WHEN a run asks for them again
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--jar", jar.toString(), "base", "probe")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("FSCONFORM_IMAGE_CACHE", cache.toString());
            pb.environment().put("FSCONFORM_RUN", RunId.current().toString());
            pb.environment().put("DOCKER_HOST", api.host());
            Process p = pb.start();
            boolean ended = p.waitFor(300, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.destroyForcibly();

            // THEN it names them without waiting for either lock, and lists them as this run's
            assertThat(ended).as("build-images.sh ended while the build locks were held").isTrue();
            assertThat(out).contains("probe=" + built.probe());
            assertThat(Files.readAllLines(cache.resolve("in-use").resolve(RunId.current().toString())))
                    .contains(built.probe());
        } finally {
            holder.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly();
        }
    }

    @Test
    void aRunIsAliveForTheScriptExactlyWhenItIsForRunId() throws Exception {
        // GIVEN this JVM's run id and that of a process that has ended
        RunId self = RunId.current();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        RunId gone = new RunId(self.boot(), ended.pid(), ended.info().startInstant().map(Instant::getEpochSecond).orElse(1L));
        RunId otherBoot = new RunId("00000000." + RunId.pidNamespace(), self.pid(), self.startSecond());
        RunId restarted = new RunId(self.boot(), self.pid(), self.startSecond() - 1);

        // WHEN the script's owner_alive judges them, THEN it agrees with RunId on this boot, and a list of
        // another boot is over (the cache is this machine's; labels may come from other machines on one engine)
        for (RunId r : List.of(self, gone, restarted)) {
            assertThat(scriptSaysAlive(r)).as(r.toString()).isEqualTo(!r.stale(Instant.now(), Instant.now()));
        }
        assertThat(scriptSaysAlive(self)).isTrue();
        assertThat(scriptSaysAlive(otherBoot)).isFalse();
    }

    private boolean scriptSaysAlive(RunId r) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "eval \"$(sed -n '/^owner_alive()/,/^}/p' \"$0\")\"; owner_alive \"$1\" /dev/null",
                script.toString(), r.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    private static void awaitLocked(Path lock) throws Exception {
        for (int i = 0; i < 300; i++) {
            Process probe = new ProcessBuilder("flock", "-n", lock.toString(), "true").start();
            if (Files.exists(lock) && probe.waitFor() != 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the lock holder did not take " + lock);
    }

    private static EngineApi engineOrSkip() throws EngineException {
        try {
            return EngineApi.connect(null);
        } catch (EngineException e) {
            if (e.status() != EnvStatus.SKIPPED) {
                throw e;
            }
            assumeTrue(false, e.getMessage());
            throw e;
        }
    }
}
