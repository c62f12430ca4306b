package dev.fsconform.validate;

import dev.fsconform.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies the probe and a small Java runtime into a directory the sandbox can see. The runtime is a
 * jlink image of just the modules the probe uses, built once per JDK and cached.
 */
final class Stage implements AutoCloseable {
    static final String MODULES = "java.base,java.desktop,java.management,java.sql,jdk.unsupported";

    private final Path dir;
    private final Path jar;
    private final Path java;

    private Stage(Path dir, Path jar, Path java) {
        this.dir = dir;
        this.jar = jar;
        this.java = java;
    }

    static Stage into(Path dir, Path selfJar) {
        try {
            Files.createDirectories(dir);
            Path jar = Files.copy(selfJar, dir.resolve("fsconform.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path runtime = dir.resolve("fsconform-jre");
            if (!Files.exists(runtime)) {
                Trees.copy(RuntimeImage.cached(), runtime);
            }
            return new Stage(dir, jar, runtime.resolve("bin/java"));
        } catch (IOException e) {
            throw new SandboxUnusableException("cannot stage the probe into " + dir + ": " + e.getMessage());
        }
    }

    Path jar() {
        return jar;
    }

    Path java() {
        return java;
    }

    /** Removes what was staged, never anything else in the directory. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve("fsconform.jar"));
            Trees.delete(dir.resolve("fsconform-jre"));
        } catch (IOException ignored) {
            // A sandbox may hold the files open a moment longer; the stage dir is the user's to clear.
        }
    }

    /** The jlink image of the probe's modules for the running JDK, made under the user's cache once. */
    static final class RuntimeImage {
        private RuntimeImage() {
        }

        static Path cached() throws IOException {
            Path home = Path.of(System.getProperty("java.home"));
            Path jlink = home.resolve("bin/jlink");
            if (!Files.isExecutable(jlink)) {
                throw new IOException("this Java (" + home + ") has no jlink to build a runtime for the sandbox; use --java PATH");
            }
            Path cache = Path.of(System.getProperty("user.home"), ".cache", "fsconform",
                    "jre-" + System.getProperty("java.version") + "-" + Integer.toHexString(MODULES.hashCode()));
            if (Files.isExecutable(cache.resolve("bin/java"))) {
                return cache;
            }
            Files.createDirectories(cache.getParent());
            Path tmp = Files.createTempDirectory(cache.getParent(), ".jre-");
            Files.delete(tmp);
            Processes.Result r = Processes.run(List.of(jlink.toString(), "--add-modules", MODULES, "--strip-debug",
                    "--no-man-pages", "--no-header-files", "--output", tmp.toString()), 300);
            if (r.exitCode() != 0) {
                Trees.delete(tmp);
                throw new IOException("jlink failed: " + r.lastErrorLine());
            }
            try {
                Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Trees.delete(tmp);
            }
            return cache;
        }
    }
}
