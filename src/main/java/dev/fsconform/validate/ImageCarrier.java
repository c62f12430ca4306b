package dev.fsconform.validate;

import dev.fsconform.container.ContainerException;
import dev.fsconform.container.ImageSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Brings the probe into a container image: one long-running container of it (through Docker, with the
 * chosen OCI runtime), the jar and a jlink runtime of this JDK copied in, one exec per directory.
 */
final class ImageCarrier implements Carrier {
    private final ImageSession session;

    private ImageCarrier(ImageSession session) {
        this.session = session;
    }

    /** @param imageJava the image's own Java to use instead of copying a runtime in, or null */
    static ImageCarrier start(String image, String runtime, String dockerHost, Path jar, String imageJava) {
        try {
            Path staged = imageJava == null ? Stage.RuntimeImage.cached() : null;
            return new ImageCarrier(ImageSession.start(image, runtime, dockerHost, jar, staged, imageJava));
        } catch (IOException e) {
            throw new SandboxUnusableException("cannot build a Java runtime to copy into " + image + ": " + e.getMessage());
        } catch (ContainerException e) {
            throw new SandboxUnusableException(e.getMessage());
        }
    }

    /** The same through the calling user's podman. */
    static ImageCarrier startPodman(String image, String runtime, Path jar, String imageJava) {
        try {
            Path staged = imageJava == null ? Stage.RuntimeImage.cached() : null;
            return new ImageCarrier(ImageSession.startPodman(image, runtime, jar, staged, imageJava));
        } catch (IOException e) {
            throw new SandboxUnusableException("cannot build a Java runtime to copy into " + image + ": " + e.getMessage());
        } catch (ContainerException e) {
            throw new SandboxUnusableException(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return session.describe();
    }

    @Override
    public String runProbe(List<String> probeArgs, Consumer<String> lines, Duration timeout) {
        try {
            // The engine's exec answers when the probe ends: the lines come all at once.
            String out = session.probe(probeArgs);
            out.lines().forEach(lines);
            return out;
        } catch (ContainerException e) {
            throw new SandboxUnusableException(e.getMessage());
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
