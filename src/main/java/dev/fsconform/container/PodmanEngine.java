package dev.fsconform.container;

import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Podman, rootful or rootless, on one storage driver: a private {@link PodmanService} with the probe
 * image loaded into it (docker save → the API's load: podman reads Docker's archive format), and the
 * probe containers made by {@link ApiEngine}, the same code that drives Docker.
 */
final class PodmanEngine implements Engine {
    private final PodmanService service;
    private final Cleanup cleanup;
    private final ApiEngine containers;
    private final Path dir;

    private PodmanEngine(PodmanService service, Cleanup cleanup, ApiEngine containers, Path dir) {
        this.service = service;
        this.cleanup = cleanup;
        this.containers = containers;
        this.dir = dir;
    }

    static PodmanEngine start(List<ContainerEnv> envs, Images images, ImageTars tars, RunId run, Path runDir) throws EngineException {
        ContainerEnv first = envs.get(0);
        boolean rootless = first.engine() == EngineKind.PODMAN_ROOTLESS;
        if (rootless && first.driver().equals("fuse-overlayfs") && !worldReadWrite(Path.of("/dev/fuse"))) {
            throw new EngineException("/dev/fuse is not open to " + PodmanService.ROOTLESS_USER + " on this machine (mode "
                    + mode(Path.of("/dev/fuse")) + "; Debian's default is rw-rw-rw-), so rootless fuse-overlayfs cannot mount",
                    EnvStatus.SKIPPED);
        }
        Path dir = runDir.resolve(first.engineDirName());
        PodmanService service = PodmanService.start(rootless, first.driver(), first.runtime(), dir);
        Cleanup cleanup = null;
        try {
            EngineApi api = EngineApi.connect(service.host());
            cleanup = new Cleanup(api, null);
            tars.loadInto(api, envs);
            String runtime = api.version().runtime().isEmpty() ? PodmanService.DEFAULT_RUNTIME : api.version().runtime();
            String who = rootless ? "rootless as " + PodmanService.ROOTLESS_USER : "rootful";
            ApiEngine containers = new ApiEngine(api, images, run, cleanup, "podman " + who + " (private podman system service, "
                    + api.version().product() + ")", rootless ? "rootless (user namespace of " + PodmanService.ROOTLESS_USER
                    + " with subordinate ids)" : "unprivileged container of rootful podman", limits());
            containers.label(Labels.DRIVER, describeDriver(first.driver(), api.storageDriver()));
            containers.label(Labels.RUNTIME, runtime);
            return new PodmanEngine(service, cleanup, containers, dir);
        } catch (EngineException e) {
            if (cleanup != null) {
                cleanup.close();
            }
            service.close();
            Cleanup.deleteTree(dir);
            throw e;
        }
    }

    private static boolean worldReadWrite(Path p) {
        String m = mode(p);
        return m.endsWith("rw-") || m.endsWith("rwx");
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException | UnsupportedOperationException e) {
            return "unreadable";
        }
    }

    private static String describeDriver(String driver, String reported) {
        return driver.equals("fuse-overlayfs") ? reported + " (mount_program fuse-overlayfs)" : reported;
    }

    /**
     * The JVM's own hard limits on open files and processes, for every container: podman asks the
     * runtime for higher ones by default, which root without CAP_SYS_RESOURCE (some VMs) may not set.
     */
    static Map<String, Long> limits() {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                String[] f = line.trim().split("\\s{2,}");
                if (f.length >= 3 && f[2].matches("[0-9]+")) {
                    if (f[0].equals("Max open files")) {
                        out.put("nofile", Long.parseLong(f[2]));
                    } else if (f[0].equals("Max processes")) {
                        out.put("nproc", Long.parseLong(f[2]));
                    }
                }
            }
        } catch (IOException unreadable) {
            // Then podman's defaults: they work wherever root may raise limits.
        }
        return out;
    }

    @Override
    public Map<String, String> labels() {
        return containers.labels();
    }

    @Override
    public String image(ContainerEnv env) {
        return containers.image(env);
    }

    @Override
    public Box start(ContainerEnv env) throws EngineException {
        return containers.start(env);
    }

    /** Containers through the API first (tidy), then the service and its namespace, then its storage. */
    @Override
    public void close() {
        containers.close();
        cleanup.close();
        service.close();
        Cleanup.deleteTree(dir);
    }
}
