package dev.fsconform.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.fsconform.result.EnvStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What passes into and out of a container: commands run in it, its logs, files copied in. */
final class ContainerIo {
    private final DockerClient client;

    ContainerIo(DockerClient client) {
        this.client = client;
    }

    /** Copies a host file or tree into the (created or running) container as {@code dir/name}. */
    void copyInto(String id, Path source, String dir, String name) throws EngineException {
        copyInto(id, Map.of(name, source), dir);
    }

    /** Copies host files or trees into the (created or running) container, each as {@code dir/NAME}. */
    void copyInto(String id, Map<String, Path> entries, String dir) throws EngineException {
        try {
            Path tar = Files.createTempFile("fsconform-copy-", ".tar");
            try {
                Tars.write(entries, tar);
                try (InputStream in = Files.newInputStream(tar)) {
                    EngineApi.call("copy " + String.join(", ", entries.keySet()) + " into " + EngineApi.shortId(id),
                            () -> client.copyArchiveToContainerCmd(id).withTarInputStream(in).withRemotePath(dir).exec());
                }
            } finally {
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new EngineException("cannot copy " + entries.values() + " into the container: " + e.getMessage());
        }
    }

    /** Runs {@code argv} in the container; stdout and stderr kept apart. */
    ExecResult exec(String id, List<String> argv, Duration timeout) throws EngineException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String exec = EngineApi.call("exec in " + EngineApi.shortId(id), () -> {
            ExecCreateCmdResponse r = client.execCreateCmd(id).withCmd(argv.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec();
            return r.getId();
        });
        try (ResultCallback.Adapter<Frame> cb = client.execStartCmd(exec).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                (f.getStreamType() == StreamType.STDERR ? err : out).writeBytes(f.getPayload());
            }
        })) {
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EngineException("timed out after " + timeout.toSeconds() + " s: "
                        + String.join(" ", argv.subList(0, Math.min(4, argv.size()))), EnvStatus.TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        } catch (IOException | RuntimeException e) {
            throw new EngineException("exec in " + EngineApi.shortId(id) + " failed: " + EngineApi.oneLine(e));
        }
        Long code = EngineApi.call("inspect exec", () -> client.inspectExecCmd(exec).exec().getExitCodeLong());
        return new ExecResult(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** The container's last log lines (what an entrypoint said before it failed). */
    String logs(String id, int lines) {
        StringBuilder sb = new StringBuilder();
        try {
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame f) {
                    sb.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            sb.append("(no logs: ").append(EngineApi.oneLine(e)).append(')');
        }
        return sb.toString();
    }
}
