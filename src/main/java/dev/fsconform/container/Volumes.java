package dev.fsconform.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Named volumes: made for one environment, labelled like its container, removed after it. */
final class Volumes {
    private final DockerClient client;

    Volumes(DockerClient client) {
        this.client = client;
    }

    void create(String name, Map<String, String> labels) throws EngineException {
        Docker.call("create volume " + name, () -> client.createVolumeCmd().withName(name).withLabels(labels).exec());
    }

    /**
     * Removes a volume, retrying while it is in use for up to {@code patience}: the engine forgets a
     * removed container before it releases the container's named volumes. False if it stayed in use.
     */
    boolean remove(String name, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                client.removeVolumeCmd(name).exec();
                return true;
            } catch (NotFoundException gone) {
                return true;
            } catch (RuntimeException inUse) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    List<String> list(Map<String, String> labels) throws EngineException {
        List<String> filter = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return Docker.call("list volumes", () -> client.listVolumesCmd().withFilter("label", filter).exec().getVolumes().stream()
                .map(v -> v.getName() + "\t" + v.getLabels().getOrDefault(DockerEngine.RUN_LABEL, "")).toList());
    }
}
