package dev.fsconform.env;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.testsupport.Canary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of `fsconform matrix` from the built jar, shared by every test of a JVM: the host lab takes
 * tens of seconds, the assertions over its results milliseconds.
 */
final class HostLabRun {
    static final Path OUT = Path.of("target", "hostlab-it");
    /**
     * The run's --work-dir, on /var/tmp's filesystem like the default; beside its run directory a canary
     * tree, and one more bound into it read-only: the probe must leave both as they were.
     */
    static final Path WORK = Path.of("/var/tmp", "fsconform-canary-" + ProcessHandle.current().pid());
    static final Path CANARY = WORK.resolve("canary");
    static final Path CANARY_RO = WORK.resolve("canary-ro");
    private static final Path CANARY_RO_SOURCE = Path.of("/var/tmp", "fsconform-canary-" + ProcessHandle.current().pid() + "-ro");

    private static HostLabRun instance;
    private static Exception failure;

    final ResultsFile results;
    final long matrixPid;
    final int exitCode;
    final String log;
    final Map<String, String> canaryBefore;
    final Map<String, String> canaryRoBefore;
    final Map<String, String> canaryAfter;
    final Map<String, String> canaryRoAfter;
    /** The read-only bind's mount options after the run (it must still be there, read-only). */
    final String canaryRoMount;
    /** What --work-dir held once the run ended: the run directory must be gone. */
    final List<String> workLeft;

    private HostLabRun(ResultsFile results, long matrixPid, int exitCode, String log, Map<String, String> canaryBefore,
                       Map<String, String> canaryRoBefore, Map<String, String> canaryAfter, Map<String, String> canaryRoAfter,
                       String canaryRoMount, List<String> workLeft) {
        this.workLeft = workLeft;
        this.canaryBefore = canaryBefore;
        this.canaryRoBefore = canaryRoBefore;
        this.canaryAfter = canaryAfter;
        this.canaryRoAfter = canaryRoAfter;
        this.canaryRoMount = canaryRoMount;
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
        Map<String, String> before = Canary.plant(CANARY);
        Map<String, String> roBefore = Canary.plant(CANARY_RO_SOURCE);
        Files.createDirectories(CANARY_RO);
        mount("--bind", CANARY_RO_SOURCE.toString(), CANARY_RO.toString());
        try {
            mount("-o", "remount,bind,ro", CANARY_RO.toString());
            // The host lab alone: ContainerMatrixIT covers the container environments.
            Process p = new ProcessBuilder(java, "-jar", jar, "matrix", "--no-docker", "--out", OUT.toString(),
                    "--work-dir", WORK.toString()).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
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
            String roMount = dev.fsconform.sys.Mountinfo.read().mounts().stream()
                    .filter(m -> m.mountPoint().equals(CANARY_RO.toString())).map(m -> m.mountOptions()).findFirst().orElse("gone");
            List<String> left;
            try (java.util.stream.Stream<Path> entries = Files.list(WORK)) {
                left = entries.map(e -> e.getFileName().toString()).toList();
            }
            return new HostLabRun(ResultsJson.read(json), p.pid(), p.exitValue(), log, before, roBefore,
                    Canary.snapshot(CANARY), Canary.snapshot(CANARY_RO_SOURCE), roMount, left);
        } finally {
            mount("-u", CANARY_RO.toString());
            RunDir.deleteTree(WORK);
            RunDir.deleteTree(CANARY_RO_SOURCE);
        }
    }

    /** mount(8) or, with -u, umount(8) in this JVM's namespace; the bind goes before the tree is deleted. */
    private static void mount(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        if (args[0].equals("-u")) {
            cmd.addAll(List.of("umount", args[1]));
        } else {
            cmd.add("mount");
            cmd.addAll(List.of(args));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }
}
