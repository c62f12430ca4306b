package dev.fsconform.container;

import dev.fsconform.result.EnvStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts a container of the fsconform/dind image on one storage driver (matrix/docker/dind-entrypoint.sh
 * runs the inner engine) with real --privileged, or the capability fallback once the engine refused it,
 * and waits until the inner engine answers.
 */
final class Dind {
    private static final Duration READY = Duration.ofSeconds(90);

    record Started(String id, Privilege privilege) {
    }

    private Dind() {
    }

    static Started start(Docker docker, String driver, String image, RunId run, PrivilegeChoice choice, Cleanup cleanup)
            throws EngineException {
        Map<String, String> owner = Labels.owner(run, "dind-" + driver);
        owner.put(Labels.DRIVER_LABEL, driver);
        // timeout(1) ends the engine by SIGTERM after the lifetime, so an orphan unmounts and goes away.
        // The probe containers' sleep ignores SIGTERM (PID 1): the inner engine need not wait 15 s for it.
        ContainerSpec spec = ContainerSpec.of(image, List.of(driver, "--shutdown-timeout=1"), owner).withEntrypoint(List.of("/usr/bin/tini",
                "--", "timeout", "-s", "TERM", String.valueOf(Engine.LIFETIME_SECONDS), "/usr/local/bin/fsconform-dind"));
        Privilege p = choice.next(driver);
        String id;
        try {
            id = startWith(docker, spec.withPrivilege(p), cleanup);
        } catch (EngineException refused) {
            if (!p.privileged()) {
                throw refused;
            }
            choice.refused(refused.getMessage().replaceFirst("^start container \\w+: ", ""));
            p = choice.next(driver);
            id = startWith(docker, spec.withPrivilege(p), cleanup);
        }
        try {
            awaitReady(docker, id, driver);
        } catch (EngineException failed) {
            cleanup.removeEngine(id);
            throw failed;
        }
        return new Started(id, p);
    }

    private static String startWith(Docker docker, ContainerSpec spec, Cleanup cleanup) throws EngineException {
        String id = docker.create(spec);
        cleanup.engine(id);
        try {
            docker.start(id);
            return id;
        } catch (EngineException e) {
            cleanup.removeEngine(id);
            throw e;
        }
    }

    private static void awaitReady(Docker docker, String id, String driver) throws EngineException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            String log = docker.io().logs(id, 20);
            if (log.contains("fsconform-dind: ready")) {
                return;
            }
            if (!docker.running(id)) {
                String why = log.lines().filter(l -> l.contains("fsconform-dind:")).reduce((a, b) -> b).orElse(log.strip());
                // Missing kernel support or devices are facts about this machine, not failures.
                boolean machine = why.contains("needs --device") || why.contains("unknown filesystem type")
                        || why.contains("no free loop device");
                throw new EngineException("inner " + driver + " engine did not start: " + why,
                        machine ? EnvStatus.SKIPPED : EnvStatus.SETUP_ERROR);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted");
            }
        }
        throw new EngineException("inner " + driver + " engine not ready after " + READY.toSeconds() + " s", EnvStatus.TIMEOUT);
    }
}
