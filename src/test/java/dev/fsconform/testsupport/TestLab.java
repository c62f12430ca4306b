package dev.fsconform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real environments for integration tests: bind mounts and overlays under one temporary directory,
 * the probe run as a separate process (optionally behind {@code fsconform sandbox}), and every mount
 * undone on close, checked against /proc/mounts.
 */
public final class TestLab implements AutoCloseable {
    private final Path root;
    private final List<Path> mounts = new ArrayList<>();

    private TestLab(Path root) {
        this.root = root;
    }

    /** Skips the calling test, with the reason, unless it runs as root with the shaded jar built. */
    public static TestLab open() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: mounts overlays and bind mounts, applies Landlock and seccomp to a child");
        Assumptions.assumeTrue(Files.isRegularFile(jar()), "needs the shaded jar (mvn package): " + jar());
        return new TestLab(Files.createTempDirectory(Path.of("/tmp"), "fsconform-lab-"));
    }

    public static Path jar() {
        return Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar")).toAbsolutePath();
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public Path root() {
        return root;
    }

    public Path dir(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    public void bind(Path source, Path target) throws IOException {
        mount(target, "mount", "--bind", source.toString(), target.toString());
    }

    /** An overlay whose lower layer holds `fsconform seed`; returns the merged directory. */
    public Path overlay(String name, String options) throws IOException {
        Path merged = dir(name + "/merged");
        String opts = seededLayers(name) + (options == null || options.isEmpty() ? "" : "," + options);
        mount(merged, "mount", "-t", "overlay", "overlay", "-o", opts, merged.toString());
        return merged;
    }

    /** Makes NAME/{lower,upper,work}, seeds the lower layer, and returns the overlay options naming the three. */
    private String seededLayers(String name) throws IOException {
        Path base = dir(name);
        Path lower = dir(name + "/lower");
        dir(name + "/upper");
        dir(name + "/work");
        run(List.of(java(), "-jar", jar().toString(), "seed", lower.toString()));
        return "lowerdir=" + lower + ",upperdir=" + base.resolve("upper") + ",workdir=" + base.resolve("work");
    }

    /** A fuse-overlayfs mount over a seeded lower layer, or null when fuse-overlayfs is not installed. */
    public Path fuseOverlay(String name) throws IOException {
        Path bin = Path.of("/usr/bin/fuse-overlayfs");
        if (!Files.isExecutable(bin) || !Files.exists(Path.of("/dev/fuse"))) {
            return null;
        }
        Path merged = dir(name + "/merged");
        mount(merged, bin.toString(), "-o", seededLayers(name), merged.toString());
        return merged;
    }

    /** Runs {@code prefix… java -jar fsconform.jar probe primary [--second second]} and reads its results. */
    public EnvironmentResult probe(String name, Path primary, Path second, String... prefix) throws IOException {
        return probe(name, primary, second, List.of(), prefix);
    }

    /** The same, with more probe options ({@code --apps …}). */
    public EnvironmentResult probe(String name, Path primary, Path second, List<String> options, String... prefix)
            throws IOException {
        Path json = root.resolve(name + ".json");
        List<String> cmd = new ArrayList<>(Arrays.asList(prefix));
        cmd.addAll(List.of(java(), "-jar", jar().toString(), "probe", primary.toString(), "--name", name, "--quiet",
                "--json", json.toString()));
        cmd.addAll(options);
        if (second != null) {
            cmd.addAll(List.of("--second", second.toString()));
        }
        run(cmd);
        return ResultsJson.read(json).environments().get(0);
    }

    /** The prefix that runs a command behind `fsconform sandbox`; Landlock may write this lab and /dev/shm. */
    public String[] sandbox(String... policy) {
        List<String> p = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "sandbox"));
        p.addAll(Arrays.asList(policy));
        if (p.contains("--landlock")) {
            p.addAll(List.of("--rw", root.toString(), "--rw", "/dev/shm"));
        }
        p.add("--");
        return p.toArray(String[]::new);
    }

    public static String run(List<String> cmd) throws IOException {
        // Output goes to a file so that the time limit holds even when the command never closes it.
        Path log = Files.createTempFile("fsconform-lab-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", cmd) + " did not finish in 120 s: " + Files.readString(log));
            }
            String out = Files.readString(log);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private void mount(Path at, String... cmd) throws IOException {
        run(List.of(cmd));
        mounts.add(at);
    }

    @Override
    public void close() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int i = mounts.size() - 1; i >= 0; i--) {
            try {
                run(List.of("umount", mounts.get(i).toString()));
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        String left = Files.readString(Path.of("/proc/mounts"));
        assertThat(left).as("mounts left behind under %s (%s)", root, failures).doesNotContain(root.toString());
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
