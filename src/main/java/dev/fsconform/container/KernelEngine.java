package dev.fsconform.container;

import dev.fsconform.env.EnvFailure;
import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The engine connection of a run's kernel containers: the guests' ({@link KernelContainers}) and the
 * kernel builder's ({@link KernelBuilds}) share one run id, run directory and clean-up. Whichever needs
 * it first connects (reaping what earlier runs left); the last to let go removes what is left.
 */
public final class KernelEngine {
    private final Path workDir;
    private final String dockerHost;
    private final Consumer<String> progress;
    private Session session;
    private int users;

    record Session(EngineApi api, RunId run, Cleanup cleanup) {
    }

    private KernelEngine(Path workDir, String dockerHost, Consumer<String> progress) {
        this.workDir = workDir;
        this.dockerHost = dockerHost;
        this.progress = progress;
    }

    /**
     * @param dockerHost null: fsconform.docker.host, DOCKER_HOST, the standard socket
     * @param workDir where the run directory goes (the one {@link Leftovers} reaps)
     */
    public static KernelEngine of(Path workDir, String dockerHost, Consumer<String> progress) {
        return new KernelEngine(workDir, dockerHost, progress);
    }

    Consumer<String> progress() {
        return progress;
    }

    /** @param who what needs the engine, for the reason when none answers ("kernel images") */
    synchronized Session acquire(String who) throws EnvFailure {
        if (session == null) {
            EngineApi api;
            try {
                api = EngineApi.connect(dockerHost);
            } catch (EngineException e) {
                String why = who + " need a container engine: " + e.getMessage();
                throw e.status() == EnvStatus.SKIPPED ? EnvFailure.skipped(why) : EnvFailure.setupError(why);
            }
            RunId run = RunId.current();
            Cleanup cleanup = new Cleanup(api, workDir.resolve(Leftovers.RUN_DIR_PREFIX + run));
            try {
                Leftovers.reap(api, workDir, Instant.now()).forEach(r -> progress.accept("reaped " + r));
                Files.createDirectories(cleanup.runDir());
            } catch (EngineException | IOException e) {
                cleanup.close();
                throw EnvFailure.setupError(who + ": " + e.getMessage());
            }
            session = new Session(api, run, cleanup);
        }
        users++;
        return session;
    }

    synchronized void release() {
        if (session != null && --users == 0) {
            session.cleanup().close();
            session = null;
        }
    }
}
