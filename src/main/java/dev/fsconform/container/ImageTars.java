package dev.fsconform.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The probe images as docker-save tars, saved once per run, for the engines that cannot see the JVM's
 * engine's images (inner engines, podman services: there is no registry).
 *
 * @param probe the plain probe image, null when no such engine runs one
 * @param apps the probe with the app cells' tools, null when no such engine's environment runs apps
 */
record ImageTars(Path probe, Path apps) {
    static final ImageTars NONE = new ImageTars(null, null);

    /** Saves what {@code envs} (the environments of the other engines) run, into {@code runDir}. */
    static ImageTars save(EngineApi api, Images images, List<ContainerEnv> envs, Path runDir) throws EngineException {
        boolean plain = envs.stream().anyMatch(e -> e.apps() == null);
        boolean tools = envs.stream().anyMatch(e -> e.apps() != null);
        return new ImageTars(plain ? save(api, images.probe(), runDir.resolve("probe-image.tar")) : null,
                tools ? save(api, images.probeApps(), runDir.resolve("probe-apps-image.tar")) : null);
    }

    /** Loads into {@code engine} the images its environments run, and only those: the tools' image is large. */
    void loadInto(EngineApi engine, List<ContainerEnv> envs) throws EngineException {
        if (envs.stream().anyMatch(e -> e.apps() == null)) {
            engine.load(need(probe, "probe"));
        }
        if (envs.stream().anyMatch(e -> e.apps() != null)) {
            engine.load(need(apps, "probe-apps"));
        }
    }

    private static Path need(Path tar, String what) throws EngineException {
        if (tar == null) {
            throw new EngineException("no " + what + " image was saved for this engine");
        }
        return tar;
    }

    private static Path save(EngineApi api, String image, Path tar) throws EngineException {
        try (InputStream in = api.save(image)) {
            Files.copy(in, tar);
            return tar;
        } catch (IOException e) {
            throw new EngineException("cannot save " + image + ": " + e.getMessage());
        }
    }
}
