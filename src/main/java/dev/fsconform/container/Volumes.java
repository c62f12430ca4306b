package dev.fsconform.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Named volumes: made for one environment, labelled like its container, removed after it. */
final class Volumes {
    private final DockerClient client;

    Volumes(DockerClient client) {
        this.client = client;
    }

    void create(String name, Map<String, String> labels) throws EngineException {
        EngineApi.call("create volume " + name, () -> client.createVolumeCmd().withName(name).withLabels(labels).exec());
    }

    /**
     * Removes a volume, retrying while it is in use for up to {@code patience}: the engine forgets a
     * removed container before it releases the container's named volumes. Empty when the volume is gone,
     * else the engine's last refusal.
     */
    Optional<String> remove(String name, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                client.removeVolumeCmd(name).exec();
                return Optional.empty();
            } catch (NotFoundException gone) {
                return Optional.empty();
            } catch (RuntimeException inUse) {
                if (System.nanoTime() > deadline) {
                    return Optional.of(EngineApi.oneLine(inUse));
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }

    List<String> list(Map<String, String> labels) throws EngineException {
        List<String> filter = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return EngineApi.call("list volumes", () -> client.listVolumesCmd().withFilter("label", filter).exec().getVolumes().stream()
                .map(v -> v.getName() + "\t" + v.getLabels().getOrDefault(Labels.RUN_LABEL, "")).toList());
    }
}
