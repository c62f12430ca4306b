package dev.fsconform.container;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Docker engine that runs probe containers: the one the JVM talks to, or an inner engine on a chosen
 * storage driver. One long-running container per environment; the probe runs in it by exec.
 */
interface Engine extends AutoCloseable {
    /** How long a probe container lives if nobody removes it (its keep-alive command then ends). */
    int LIFETIME_SECONDS = 3600;

    /** What every probe in this engine records: engine, version, storage driver, API, privilege. */
    Map<String, String> labels();

    /** The image {@code env}'s container runs (the probe, or the probe with the app cells' tools). */
    String image(ContainerEnv env);

    /** Starts the container of {@code env}, with its mount and seccomp profile. */
    Box start(ContainerEnv env) throws EngineException;

    @Override
    void close();

    /** One environment's running container. */
    interface Box extends AutoCloseable {
        ExecResult exec(List<String> argv, Duration timeout) throws EngineException;

        /** Removes the container and whatever was made for it (volume, bind directory). */
        @Override
        void close();
    }
}
