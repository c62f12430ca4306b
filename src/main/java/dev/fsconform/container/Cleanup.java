package dev.fsconform.container;

import dev.fsconform.files.Trees;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run has created and not yet removed. A shutdown hook removes it on Ctrl-C or SIGTERM; after a
 * kill -9 the containers end with their keep-alive lifetime and {@link Leftovers} removes the rest at
 * the start of the next run.
 */
final class Cleanup implements AutoCloseable {
    private final EngineApi api;
    private final Path runDir;
    private final Set<String> engines = ConcurrentHashMap.newKeySet();
    private final Set<String> containers = ConcurrentHashMap.newKeySet();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Thread hook;

    Cleanup(EngineApi api, Path runDir) {
        this.api = api;
        this.runDir = runDir;
        this.hook = new Thread(this::removeAll, "fsconform-container-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Path runDir() {
        return runDir;
    }

    /** An inner-engine container: stopped with SIGTERM first, so it unmounts and frees its loop device. */
    void engine(String id) {
        engines.add(id);
    }

    void container(String id) {
        containers.add(id);
    }

    void volume(String name) {
        volumes.add(name);
    }

    void removeEngine(String id) {
        api.stop(id, 20);
        api.removeAndWait(id, Duration.ofSeconds(30));
        engines.remove(id);
    }

    /** A helper process (an image build): killed with everything it started if the run is interrupted. */
    void process(Process p) {
        processes.add(p);
    }

    void processDone(Process p) {
        processes.remove(p);
    }

    void removeContainer(String id) {
        api.removeAndWait(id, Duration.ofSeconds(30));
        containers.remove(id);
    }

    void removeVolume(String name) {
        // A volume the engine still holds stays listed: the shutdown hook tries again.
        if (api.volumes().remove(name, Duration.ofSeconds(10)).isEmpty()) {
            volumes.remove(name);
        }
    }

    private void removeAll() {
        processes.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        containers.forEach(this::quietly);
        engines.forEach(id -> {
            api.stop(id, 20);
            quietly(id);
        });
        volumes.forEach(v -> api.volumes().remove(v, Duration.ofSeconds(10)));
        deleteTree(runDir);
    }

    private void quietly(String id) {
        try {
            api.remove(id);
        } catch (RuntimeException e) {
            // Shutting down: the next run's Leftovers removes whatever stays.
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) already.
        }
    }

    /** Best effort: files a container made as root may resist a non-root JVM; the next run retries. */
    static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try {
            Trees.delete(root);
        } catch (IOException ignored) {
            // Left for Leftovers.
        }
    }
}
