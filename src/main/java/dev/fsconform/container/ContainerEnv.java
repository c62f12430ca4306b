package dev.fsconform.container;

import java.util.List;

/**
 * One container environment of matrix/containers.yaml: where the probe container runs (the engine the
 * JVM talks to, or an inner engine on a storage driver), where in it the probe works, and under which
 * seccomp profile.
 *
 * @param engine {@link #HOST}, or a storage driver of an inner engine in the fsconform/dind image
 * @param seccomp {@code default} (the engine's), {@code unconfined}, or a profile file in matrix/docker/
 */
record ContainerEnv(String name, String group, String description, String engine, Mount mount, String seccomp) {
    static final String HOST = "host";
    static final List<String> DRIVERS = List.of("overlay2", "fuse-overlayfs", "vfs", "btrfs");
    static final String DEFAULT_SECCOMP = "default";
    static final String UNCONFINED = "unconfined";
    private static final String NAME = "[a-z0-9][a-z0-9._+-]*";

    ContainerEnv {
        require(name, "name");
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and . _ + - (got '" + name + "')");
        }
        require(group, "group");
        require(description, "description");
        require(engine, "engine");
        if (!HOST.equals(engine) && !DRIVERS.contains(engine)) {
            throw new IllegalArgumentException("engine must be host or one of " + DRIVERS + " (got '" + engine + "')");
        }
        if (mount == null) {
            throw new IllegalArgumentException("missing 'mount'");
        }
        seccomp = seccomp == null || seccomp.isBlank() ? DEFAULT_SECCOMP : seccomp;
        if (!seccomp.equals(DEFAULT_SECCOMP) && !seccomp.equals(UNCONFINED) && !seccomp.matches("[a-z0-9-]+\\.json")) {
            throw new IllegalArgumentException("seccomp must be default, unconfined or a profile file name such as x.json (got '"
                    + seccomp + "')");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
    }

    boolean inner() {
        return !HOST.equals(engine);
    }

    /** The profile's name without the file extension, as labels and names show it. */
    String seccompName() {
        return seccomp.endsWith(".json") ? seccomp.substring(0, seccomp.length() - ".json".length()) : seccomp;
    }
}
