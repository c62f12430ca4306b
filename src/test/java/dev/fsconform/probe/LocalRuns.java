package dev.fsconform.probe;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.sys.Posix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Probe runs on local environments, made once per test JVM and shared by the parameterized tests. */
final class LocalRuns {
    record Run(String name, EnvironmentResult result) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Run> runs;

    private LocalRuns() {
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    static synchronized List<Run> all() {
        if (runs == null) {
            List<Run> out = new ArrayList<>();
            out.add(tempDir());
            if (root() && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
                out.add(tmpfsPair());
            }
            runs = List.copyOf(out);
        }
        return runs;
    }

    /** The JVM's temp directory, with /dev/shm as the second directory when it is another mount. */
    private static Run tempDir() {
        try {
            Path primary = Files.createTempDirectory("fsconform-test-");
            Path shm = Path.of("/dev/shm");
            Path second = null;
            if (Files.isDirectory(shm) && Posix.get().stat(shm).mountId() != Posix.get().stat(primary).mountId()) {
                second = Files.createTempDirectory(shm, "fsconform-test-");
            }
            try {
                return new Run("tmpdir", new Probe(ProbeConfig.full(primary, second, null, "tmpdir", Map.of())).run());
            } finally {
                Scratch.deleteTree(primary);
                if (second != null) {
                    Scratch.deleteTree(second);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Two fresh tmpfs mounts, made inside a private mount namespace by a child process so the kernel
     * removes them when it exits, whatever happens to this JVM.
     */
    private static Run tmpfsPair() {
        try {
            Path base = Files.createTempDirectory("fsconform-tmpfs-");
            Path a = Files.createDirectory(base.resolve("a"));
            Path b = Files.createDirectory(base.resolve("b"));
            Path json = base.resolve("out.json");
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String script = "mount -t tmpfs fsconform-test \"$1\" && mount -t tmpfs fsconform-test \"$2\" && "
                    + "exec \"$4\" -cp \"$5\" dev.fsconform.cli.Main probe \"$1\" --second \"$2\" --name tmpfs --json \"$3\" --quiet";
            Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                    a.toString(), b.toString(), json.toString(), javaBin, System.getProperty("java.class.path"))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("tmpfs probe failed: " + out);
            }
            try {
                return new Run("tmpfs", ResultsJson.read(json).environments().get(0));
            } finally {
                Scratch.deleteTree(base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
