package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.report.Report;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output directory fills up, or turns read-only, while a matrix runs (after its up-front writability
 * check): the run ends with one line and a non-zero exit, writes no partial matrix.json or matrix.html,
 * leaves the earlier pair there byte for byte, and no temporary file. Each directory is a small tmpfs of
 * its own, mounted here (root only) and unmounted after; the two runs go in parallel to halve the wait.
 */
class OutputFaultsIT {
    private static final String SIZE = "1m";

    @TempDir
    Path base;
    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            sh("umount", "-l", m.toString());
        }
    }

    @Test
    void aFullOrReadOnlyOutputDirectoryKeepsTheEarlierPairAndSaysWhy() throws Exception {
        String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip();
        assumeTrue("0".equals(uid), "mounting a small tmpfs as the output directory needs root (uid is " + uid + ")");
        // GIVEN two output directories on small tmpfs mounts, each holding a good pair from an earlier run
        Path full = tmpfs("full");
        Path readOnly = tmpfs("ro");
        ResultsFile earlier = ResultsJson.read(Path.of("src/test/resources/recorded/host.json.gz"));
        Report.write(earlier, full);
        Report.write(earlier, readOnly);
        Map<String, byte[]> before = pair(full);
        assertThat(pair(readOnly)).containsOnlyKeys(before.keySet());

        // WHEN a matrix writes into each, and once it is past its checks one fills up and the other turns read-only
        CompletableFuture<Run> fills = CompletableFuture.supplyAsync(() -> matrix(full, () -> fill(full)));
        CompletableFuture<Run> freezes = CompletableFuture.supplyAsync(() -> matrix(readOnly,
                () -> sh("mount", "-o", "remount,ro", readOnly.toString())));

        // THEN each run fails with one line naming the reason, and leaves the earlier pair and nothing else
        Run f = fills.get(5, TimeUnit.MINUTES);
        assertThat(f.exit).as("exit code, full directory; output:%n%s", f.output).isEqualTo(2);
        assertThat(f.errorLine()).as("error line, full directory; output:%n%s", f.output)
                .contains("cannot write matrix.json and matrix.html into " + full).contains("No space left on device")
                .contains("an earlier pair there is unchanged");
        Run r = freezes.get(5, TimeUnit.MINUTES);
        assertThat(r.exit).as("exit code, read-only directory; output:%n%s", r.output).isEqualTo(2);
        assertThat(r.errorLine()).as("error line, read-only directory; output:%n%s", r.output)
                .contains("cannot write matrix.json and matrix.html into " + readOnly).contains("Read-only file system");
        for (Path dir : List.of(full, readOnly)) {
            Map<String, byte[]> after = pair(dir);
            assertThat(after).as("%s keeps the earlier pair", dir).containsOnlyKeys(before.keySet());
            before.forEach((name, bytes) -> assertThat(after.get(name)).as("%s/%s unchanged", dir, name).isEqualTo(bytes));
            assertThat(names(dir)).as("files in %s", dir).containsExactlyInAnyOrder(Report.JSON, Report.HTML);
        }
    }

    private Path tmpfs(String name) throws IOException {
        Path dir = Files.createDirectories(base.resolve(name));
        sh("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "fsconform-test", dir.toString());
        mounts.add(dir);
        return dir;
    }

    /** The results and the page: name to bytes. */
    private static Map<String, byte[]> pair(Path dir) throws IOException {
        return Map.of(Report.JSON, Files.readAllBytes(dir.resolve(Report.JSON)), Report.HTML,
                Files.readAllBytes(dir.resolve(Report.HTML)));
    }

    /** What is in the directory besides the filler. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("filler")).toList();
        }
    }

    /** Writes zeros until the filesystem refuses. */
    private static void fill(Path dir) {
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left: that is the point.
        }
    }

    record Run(int exit, String output) {
        String errorLine() {
            return output.lines().filter(l -> l.startsWith("fsconform: ")).reduce((a, b) -> b).orElse("");
        }
    }

    /** The smallest host-lab matrix; {@code fault} runs once the start line shows the checks are passed. */
    private static Run matrix(Path out, Runnable fault) {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Process p = new ProcessBuilder(java, "-jar", System.getProperty("fsconform.jar", "target/fsconform.jar"), "matrix",
                    "--only", "plain", "--no-docker", "--apps", "none", "--out", out.toString())
                    .redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            boolean faulted = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (!faulted && line.startsWith("fsconform matrix: ")) {
                        fault.run();
                        faulted = true;
                    }
                }
            }
            p.waitFor(5, TimeUnit.MINUTES);
            return new Run(p.exitValue(), output.toString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sh(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + ": " + out.strip());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
