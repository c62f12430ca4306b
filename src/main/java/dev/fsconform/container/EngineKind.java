package dev.fsconform.container;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What kind of engine runs an environment's container. Every kind speaks the Docker Engine API, so the
 * same container code drives them; they differ in who starts the engine and what it stores images on.
 */
enum EngineKind {
    /** The engine the JVM talks to (DOCKER_HOST, else the standard socket): on its own storage driver. */
    DOCKER("docker", List.of()),
    /** An inner Docker engine in a container of the fsconform/dind image of one Debian suite. */
    DIND("dind", List.of("overlay2", "fuse-overlayfs", "vfs", "btrfs")),
    /** A private rootful podman API service (`podman system service`) with its own storage. */
    PODMAN("podman", List.of("overlay", "fuse-overlayfs", "vfs")),
    /** The same as an unprivileged user with subordinate ids: user namespace, overlay with userxattr. */
    PODMAN_ROOTLESS("podman-rootless", List.of("overlay", "fuse-overlayfs", "vfs"));

    private final String id;
    private final List<String> drivers;

    EngineKind(String id, List<String> drivers) {
        this.id = id;
        this.drivers = drivers;
    }

    String id() {
        return id;
    }

    /** The storage drivers an environment may choose; empty: the engine's own, not chosen here. */
    List<String> drivers() {
        return drivers;
    }

    boolean podman() {
        return this == PODMAN || this == PODMAN_ROOTLESS;
    }

    static EngineKind parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("engine must be one of "
                        + Arrays.stream(values()).map(EngineKind::id).collect(Collectors.joining(", ")) + " (got '" + id + "')"));
    }
}
