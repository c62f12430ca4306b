package dev.fsconform.env;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a backend builds with: its environment's directory, commands run inside the environment's
 * namespaces (or directly, when it has none), sparse images and seed trees. Each command's output
 * is kept in the environment's log directory until the environment is torn down.
 */
final class Lab {
    private final Path dir;
    private final SeedLayers seedLayers;
    private final Host host;
    private final Enclave enclave;
    private final RunDir runDir;
    private final Deadline deadline;
    private final Children children;
    private final AtomicInteger step = new AtomicInteger();
    private final List<Path> external = new ArrayList<>();

    Lab(Path dir, SeedLayers seedLayers, Host host, Enclave enclave, RunDir runDir, Deadline deadline, Children children) {
        this.dir = dir;
        this.seedLayers = seedLayers;
        this.host = host;
        this.enclave = enclave;
        this.runDir = runDir;
        this.deadline = deadline;
        this.children = children;
    }

    Host host() {
        return host;
    }

    /** The environment's time budget. */
    Deadline deadline() {
        return deadline;
    }

    /** The lower layers every overlay of the run shares. */
    SeedLayers seedLayers() {
        return seedLayers;
    }

    boolean inUserNamespace() {
        return enclave != null && enclave.userns();
    }

    /** A fresh directory for this environment, visible to the host and inside the namespaces alike. */
    Path dir(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** A marked directory under another parent (e.g. /dev/shm); SKIPPED when that parent is absent. */
    Path externalDir(Path parent) throws IOException, EnvFailure {
        if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw EnvFailure.skipped(parent + " does not exist or is not writable here");
        }
        Path d = runDir.external(parent);
        external.add(d);
        return d;
    }

    /** The marked directories made outside the environment's own directory, for its teardown. */
    List<Path> externalDirs() {
        return List.copyOf(external);
    }

    /** A sparse image file: it takes disk space only as the filesystem in it is written. */
    Path sparseImage(String name, long bytes) throws IOException {
        Path img = dir.resolve(name + ".img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return img;
    }

    /** Copies the seed tree into {@code target} with cp(1), inside the namespaces where target is mounted. */
    void seed(Path target) throws IOException, EnvFailure {
        run("copy the seed tree", List.of(Tool.CP.path(), "-a", "--", seedLayers.seed().resolve(dev.fsconform.probe.Seeds.DIR_NAME).toString(),
                target.toString()));
    }

    /** A backend's one directory, with a copy of the seed tree in it when {@code seed} is set. */
    Mounted seeded(Path dir, boolean seed) throws IOException, EnvFailure {
        if (seed) {
            seed(dir);
        }
        return new Mounted(dir, null);
    }

    /** Bind-mounts {@code source} onto {@code target} inside the namespaces, with mount(8)'s {@code options} (e.g. ro). */
    void bind(String what, Path source, Path target, String... options) throws IOException, EnvFailure {
        List<String> argv = new ArrayList<>(List.of(Tool.MOUNT.path(), "--bind"));
        if (options.length > 0) {
            argv.addAll(List.of("-o", String.join(",", options)));
        }
        argv.addAll(List.of(source.toString(), target.toString()));
        mount(what, null, argv);
    }

    /**
     * Runs a mount command for filesystem {@code fs} (null for bind mounts). A kernel without the
     * filesystem, or one that explains in its log why it refuses the mount, makes the environment
     * SKIPPED with the kernel's words; mounts take turns so the log lines read are this mount's.
     */
    void mount(String what, String fs, List<String> argv) throws IOException, EnvFailure {
        if (enclave == null) {
            throw new IllegalStateException("mounts happen only inside an enclave");
        }
        try (KernelLog log = KernelLog.mark()) {
            Exec.Outcome o = exec(what, argv);
            if (o.ok()) {
                return;
            }
            String line = o.lastLine();
            String kernel = fs == null ? "" : log.linesAbout(fs);
            if (line.contains("unknown filesystem type")) {
                throw EnvFailure.skipped(what + ": " + line);
            }
            if (!kernel.isEmpty()) {
                throw EnvFailure.skipped("the kernel refuses " + what + ": " + kernel);
            }
            throw EnvFailure.setupError(what + ": " + line);
        }
    }

    /** Runs a command that must succeed. */
    void run(String what, List<String> argv) throws IOException, EnvFailure {
        Exec.Outcome o = exec(what, argv);
        if (!o.ok()) {
            throw EnvFailure.setupError(what + ": " + o.lastLine());
        }
    }

    /** Runs a command and returns how it went. */
    Exec.Outcome exec(String what, List<String> argv) throws IOException, EnvFailure {
        return exec(what, argv, null);
    }

    /** Runs a command with its standard output in {@code stdout}; the outcome holds its standard error. */
    Exec.Outcome exec(String what, List<String> argv, Path stdout) throws IOException, EnvFailure {
        List<String> full = enclave == null ? argv : enclave.inside(argv);
        Path log = Files.createDirectories(dir.resolve("log"))
                .resolve(String.format("%02d-%s.log", step.incrementAndGet(), what.replaceAll("[^A-Za-z0-9]+", "-")));
        return Exec.run(new ArrayList<>(full), stdout, log, deadline, children);
    }
}
