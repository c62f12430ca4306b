package dev.fsconform.validate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.fsconform.files.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

/**
 * A running Testcontainers container that the user defined and started: the probe jar (and, when the
 * container has no Java, a jlink runtime of this JDK) is copied in with Testcontainers' copy, the
 * probe runs through its Docker client's exec, and its lines stream back as the probe prints them.
 * Testcontainers' settings apply as they are: the engine it found, Ryuk on or off, its API version.
 * What was copied in is removed afterwards; the container stays the user's.
 */
final class ContainerCarrier implements Carrier {
    private static final String DIR = "/tmp/.fsconform-probe";
    private static final int DIR_MODE = 0777;

    private final GenericContainer<?> container;
    private final String java;
    private final String describe;

    private ContainerCarrier(GenericContainer<?> container, String java, String describe) {
        this.container = container;
        this.java = java;
        this.describe = describe;
    }

    /** @param container a started {@code GenericContainer}; typed loosely so callers load without Testcontainers */
    static ContainerCarrier start(Object container, String java, Path probeJar) {
        if (!(container instanceof GenericContainer<?> c)) {
            throw new SandboxUnusableException("not a Testcontainers GenericContainer: " + container);
        }
        if (!c.isRunning()) {
            throw new SandboxUnusableException("the container of " + c.getDockerImageName()
                    + " is not running: start it (container.start()) before the conformance tests");
        }
        String describe = "container " + c.getContainerId().substring(0, 12) + " of image " + c.getDockerImageName()
                + " (Testcontainers)";
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("fsconform-tmp-");
            c.copyFileToContainer(MountableFile.forHostPath(tmp, DIR_MODE), DIR + "/tmp");
            c.copyFileToContainer(MountableFile.forHostPath(probeJar), DIR + "/fsconform.jar");
            String chosen = java != null ? java : javaInside(c);
            if (chosen == null) {
                c.copyFileToContainer(MountableFile.forHostPath(Stage.RuntimeImage.cached()), DIR + "/jre");
                chosen = DIR + "/jre/bin/java";
            }
            ContainerCarrier carrier = new ContainerCarrier(c, chosen, describe);
            carrier.checkJava();
            return carrier;
        } catch (IOException | RuntimeException e) {
            removeStaged(c);
            if (e instanceof SandboxUnusableException u) {
                throw u;
            }
            throw new SandboxUnusableException(describe + ": cannot copy the probe in: " + oneLine(e));
        } finally {
            if (tmp != null) {
                try {
                    Trees.delete(tmp);
                } catch (IOException ignored) {
                    // An empty temp directory: the system's tmp cleaner takes it.
                }
            }
        }
    }

    /** The Java on the container's PATH, or null when there is none that runs. */
    private static String javaInside(GenericContainer<?> c) {
        try {
            Container.ExecResult r = c.execInContainer("java", "-version");
            return r.getExitCode() == 0 ? "java" : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnusableException("interrupted");
        }
    }

    private void checkJava() {
        StringBuilder err = new StringBuilder();
        int exit = exec(List.of(java, "-version"), line -> { }, err, Duration.ofSeconds(60));
        if (exit != 0) {
            throw new SandboxUnusableException("no usable Java in " + describe + " at " + java + " (exit " + exit
                    + "; a copied-in runtime needs glibc in the image, else name the image's Java with withJava): " + last(err));
        }
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public String runProbe(List<String> probeArgs, Consumer<String> lines, Duration timeout) {
        List<String> argv = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + DIR + "/tmp", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", DIR + "/fsconform.jar"));
        argv.addAll(probeArgs);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int exit = exec(argv, line -> {
            out.append(line).append('\n');
            lines.accept(line);
        }, err, timeout);
        if (exit != 0) {
            throw new SandboxUnusableException("probe failed in " + describe + " (exit " + exit + "): " + last(err));
        }
        return out.toString();
    }

    /** Exec through the container's Docker client, stdout split into lines as frames arrive; returns the exit code. */
    private int exec(List<String> argv, Consumer<String> lines, StringBuilder err, Duration timeout) {
        DockerClient client = container.getDockerClient();
        String execId = client.execCreateCmd(container.getContainerId()).withCmd(argv.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder partial = new StringBuilder();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                if (frame.getStreamType() == StreamType.STDERR) {
                    err.append(text);
                    return;
                }
                partial.append(text);
                for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
                    lines.accept(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                }
            }
        };
        try (callback) {
            client.execStartCmd(execId).exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SandboxUnusableException("timed out after " + timeout.toSeconds() + " s in " + describe);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnusableException("interrupted");
        } catch (IOException e) {
            throw new SandboxUnusableException("exec in " + describe + ": " + e.getMessage());
        }
        if (partial.length() > 0) {
            lines.accept(partial.toString());
        }
        Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return code == null ? -1 : code.intValue();
    }

    @Override
    public void close() {
        removeStaged(container);
    }

    private static void removeStaged(GenericContainer<?> c) {
        try {
            c.execInContainer("rm", "-rf", DIR);
        } catch (IOException | RuntimeException e) {
            // No rm in the image: what was copied stays in the container's own layer, which goes with it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String last(StringBuilder text) {
        return text.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }
}
