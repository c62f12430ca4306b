package dev.fsconform.container;

import dev.fsconform.app.AppJobs;
import dev.fsconform.env.Needs;
import dev.fsconform.input.Quote;
import dev.fsconform.result.EnvName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One container environment of matrix/containers.yaml: which engine runs its container (kind, storage
 * driver, for inner engines the generation), under which OCI runtime, where in it the probe works, and
 * under which seccomp profile.
 *
 * @param driver storage driver the engine is started on; null for {@link EngineKind#DOCKER} (its own)
 * @param runtime OCI runtime name (crun, runsc, …), null for the engine's default
 * @param generation the inner engine's generation ({@link EngineKind#DIND} only, else null)
 * @param seccomp {@code default} (the engine's), {@code unconfined}, or a profile file in matrix/docker/
 * @param apps the real tools' jobs its probe runs ({@code --apps} of the probe), null for none
 */
record ContainerEnv(String name, String group, String description, EngineKind engine, String driver, String runtime,
                    Generation generation, Mount mount, String seccomp, String apps) {
    static final String DEFAULT_SECCOMP = "default";
    static final String UNCONFINED = "unconfined";
    private static final String RUNTIME = "[a-z0-9][a-z0-9._-]*";

    ContainerEnv {
        EnvName.check(name, group, description, true);
        if (engine == null) {
            throw new IllegalArgumentException("missing 'engine'");
        }
        if (engine.drivers().isEmpty() && driver != null) {
            throw new IllegalArgumentException("engine " + engine.id() + " runs on its own storage driver: no 'driver' (got "
                    + Quote.of(driver) + ")");
        }
        if (!engine.drivers().isEmpty() && (driver == null || !engine.drivers().contains(driver))) {
            throw new IllegalArgumentException("engine " + engine.id() + " needs a driver, one of " + engine.drivers() + " (got "
                    + Quote.of(driver) + ")");
        }
        if (runtime != null && !runtime.matches(RUNTIME)) {
            throw new IllegalArgumentException("runtime must be an OCI runtime name such as crun (got " + Quote.of(runtime) + ")");
        }
        if ((engine == EngineKind.DIND) != (generation != null)) {
            throw new IllegalArgumentException("only a dind engine has a generation");
        }
        if (mount == null) {
            throw new IllegalArgumentException("missing 'mount'");
        }
        if (engine.podman() && mount == Mount.BIND) {
            throw new IllegalArgumentException("podman environments probe rootfs, volume or tmpfs (a bind source would have to be"
                    + " the rootless user's)");
        }
        apps = apps == null || apps.isBlank() || apps.strip().equals("none") ? null : apps.strip();
        if (apps != null) {
            AppJobs.select(apps);
        }
        seccomp = seccomp == null || seccomp.isBlank() ? DEFAULT_SECCOMP : seccomp;
        if (!seccomp.equals(DEFAULT_SECCOMP) && !seccomp.equals(UNCONFINED) && !seccomp.matches("[a-z0-9-]+\\.json")) {
            throw new IllegalArgumentException("seccomp must be default, unconfined or a profile file name such as x.json (got "
                    + Quote.of(seccomp) + ")");
        }
    }

    /**
     * Environments with the same key share one engine: a dind container, a podman service. Podman's
     * Docker-compatible API ignores a container's runtime, so for podman the runtime is the service's.
     */
    String engineKey() {
        return switch (engine) {
            // The JVM's engine has both images already: the containers with tools go on in parallel with the others.
            // An inner engine or podman service gets the image with the tools loaded besides the plain one.
            case DOCKER -> engine.id() + (apps == null ? "" : "+apps");
            case DIND -> engine.id() + "-" + driver + "@" + generation.id();
            case PODMAN, PODMAN_ROOTLESS -> engine.id() + "-" + driver + (runtime == null ? "" : "+" + runtime);
        };
    }

    /**
     * The engine's directory in the run directory, named by a digest of its key: the engine's API
     * socket lives there, and a Unix socket path holds at most 107 bytes, which a run directory named
     * by boot, pid namespace, pid and start time plus {@code dind-fuse-overlayfs@docker-20.10} exceeded.
     */
    String engineDirName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(engineKey().getBytes(StandardCharsets.UTF_8));
            return "engine-" + HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * What building it asks of the host. The probe's own container never gets a privilege: only an
     * inner engine's container is --privileged ({@link Privilege}), and a rootful engine means root.
     */
    Needs needs() {
        List<String> devices = new ArrayList<>();
        if ("fuse-overlayfs".equals(driver)) {
            devices.add("/dev/fuse");
        }
        if ("btrfs".equals(driver)) {
            devices.add("/dev/loop-control, /dev/loopN");
        }
        List<String> why = new ArrayList<>(switch (engine) {
            case DOCKER -> List.of("the engine's socket (root-equivalent); probe container unprivileged");
            case DIND -> List.of("inner dockerd on " + driver + " (" + generation.id() + ") in a --privileged container"
                    + " (fallback: all capabilities, seccomp/AppArmor unconfined); probe container inside unprivileged");
            case PODMAN -> List.of("rootful podman service on " + driver + "; probe container unprivileged");
            case PODMAN_ROOTLESS -> List.of("podman as an unprivileged user (subordinate ids) on " + driver);
        });
        if (runtime != null) {
            why.add("runtime " + runtime);
        }
        if (!DEFAULT_SECCOMP.equals(seccomp)) {
            why.add("seccomp " + seccompName() + " (a confinement changed, no privilege added)");
        }
        boolean rootless = engine == EngineKind.PODMAN_ROOTLESS;
        return new Needs(name, "container", !rootless, engine == EngineKind.DIND,
                engine == EngineKind.DIND ? "container" : rootless ? "own userns" : "", devices, rootless, String.join("; ", why));
    }

    /** The same environment with {@code matrix --apps} in force: none, all or job ids. */
    ContainerEnv withApps(String override) {
        return new ContainerEnv(name, group, description, engine, driver, runtime, generation, mount, seccomp, override);
    }

    /** The profile's name without the file extension, as labels and names show it. */
    String seccompName() {
        return seccomp.endsWith(".json") ? seccomp.substring(0, seccomp.length() - ".json".length()) : seccomp;
    }
}
