package dev.fsconform.env;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of `fsconform matrix` from the built jar, shared by every test of a JVM: the host lab takes
 * tens of seconds, the assertions over its results milliseconds.
 */
final class HostLabRun {
    static final Path OUT = Path.of("target", "hostlab-it");

    private static HostLabRun instance;
    private static Exception failure;

    final ResultsFile results;
    final long matrixPid;
    final int exitCode;
    final String log;

    private HostLabRun(ResultsFile results, long matrixPid, int exitCode, String log) {
        this.results = results;
        this.matrixPid = matrixPid;
        this.exitCode = exitCode;
        this.log = log;
    }

    static synchronized HostLabRun get() throws IOException, InterruptedException {
        if (failure != null) {
            throw new IllegalStateException("the host lab run failed earlier in this JVM", failure);
        }
        if (instance == null) {
            try {
                instance = run();
            } catch (IOException | RuntimeException e) {
                // One failed run is reported by every test; a second 10-minute attempt would not help.
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    List<EnvironmentResult> environments() {
        return results.environments();
    }

    private static HostLabRun run() throws IOException, InterruptedException {
        String jar = System.getProperty("fsconform.jar", "target/fsconform.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.createDirectories(OUT);
        Path logFile = OUT.resolve("matrix.log");
        // The host lab alone: ContainerMatrixIT covers the container environments.
        Process p = new ProcessBuilder(java, "-jar", jar, "matrix", "--no-docker", "--out", OUT.toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("fsconform matrix did not finish in 10 minutes; see " + logFile);
        }
        String log = Files.readString(logFile);
        Path json = OUT.resolve("matrix.json");
        if (!Files.exists(json)) {
            throw new IllegalStateException("fsconform matrix exited " + p.exitValue() + " without results:\n" + log);
        }
        return new HostLabRun(ResultsJson.read(json), p.pid(), p.exitValue(), log);
    }
}
