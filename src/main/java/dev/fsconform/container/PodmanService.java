package dev.fsconform.container;

import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code podman system service}: podman's Docker-compatible API on a socket of our own, so the
 * container code that drives Docker drives podman too.
 *
 * <p>As root the service runs as PID 1's child in a PID and mount namespace of its own ({@code unshare
 * --pid --mount --fork}), whose first process waits for EOF on a pipe from this JVM. When the JVM closes
 * the service, exits or is killed, that process ends, and the kernel kills everything in the namespace:
 * the service, every conmon (which otherwise lingers for podman's 300 s exit delay after an exec through
 * the API), every container process, and the storage's mounts. In that namespace the hybrid cgroup
 * layout's unified hierarchy is unmounted: crun 1.8 refuses to run on a hybrid layout whose v2
 * hierarchy has controllers ("cgroups in hybrid mode not supported"), and podman then uses v1 alone.
 */
final class PodmanService implements AutoCloseable {
    /** The unprivileged user rootless environments run as (created with subordinate ids by .ci/run). */
    static final String ROOTLESS_USER = System.getProperty("fsconform.podman.user", "fsconform-rootless");
    /** podman's runtime on Debian; named explicitly so the label says which one ran. */
    static final String DEFAULT_RUNTIME = "crun";
    private static final Duration READY = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream lifeline;
    private final String host;
    private final Path log;
    private Path runroot;

    private PodmanService(Process process, String host, Path log) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.host = host;
        this.log = log;
    }

    /** The Docker-style host URL of the socket. */
    String host() {
        return host;
    }

    /**
     * Starts a service with its own storage under {@code dir} (made here; the caller deletes it after
     * {@link #close}).
     *
     * @param rootless run as {@link #ROOTLESS_USER} instead of root
     * @param driver overlay, fuse-overlayfs (overlay with fuse-overlayfs as mount program) or vfs
     */
    static PodmanService start(boolean rootless, String driver, String runtime, Path dir) throws EngineException {
        requireRoot(rootless);
        Optional<Rootless> user = rootless ? Optional.of(Rootless.lookup(ROOTLESS_USER)) : Optional.empty();
        try {
            Files.createDirectories(dir);
            Path xdg = dir.resolve("xdg");
            Files.createDirectories(xdg, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(dir.resolve("storage"));
            if (user.isPresent()) {
                // The storage and the runtime directory are the user's; root's run directory stays traversable.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                chown(user.get(), dir, xdg, dir.resolve("storage"));
            }
        } catch (IOException e) {
            throw new EngineException("cannot make podman's directories in " + dir + ": " + e.getMessage());
        }
        Path socket = dir.resolve("api.sock");
        Path runroot = runRoot(user);
        List<String> podman = new ArrayList<>(List.of("podman", "--root", dir.resolve("storage").toString(), "--runroot",
                runroot.toString(), "--runtime", runtime == null ? DEFAULT_RUNTIME : runtime,
                "--cgroup-manager", "cgroupfs", "--events-backend", "file"));
        switch (driver) {
            case "overlay", "vfs" -> podman.addAll(List.of("--storage-driver", driver));
            case "fuse-overlayfs" -> podman.addAll(List.of("--storage-driver", "overlay", "--storage-opt",
                    "overlay.mount_program=/usr/bin/fuse-overlayfs"));
            default -> throw new EngineException("podman has no storage driver '" + driver + "' here");
        }
        podman.addAll(List.of("system", "service", "--time=0", "unix://" + socket));
        String service = user.map(u -> u.wrap(podman, dir.resolve("xdg"))).orElse(String.join(" ", quoteAll(podman)));
        PodmanService started = launch(service, "unix://" + socket, socket, dir.resolve("service.log"));
        started.runroot = runroot;
        return started;
    }

    /**
     * podman's run root (locks, conmon sockets) must be at most 50 characters long: a short directory
     * under /run named by this JVM's pid, whose leftovers a later JVM removes once that pid is gone.
     */
    private static Path runRoot(Optional<Rootless> user) throws EngineException {
        Path base = Path.of("/run/fsconform-podman");
        try {
            Files.createDirectories(base);
            try (var old = Files.list(base)) {
                old.filter(d -> ProcessHandle.of(pidOf(d)).isEmpty()).forEach(Cleanup::deleteTree);
            }
            Path dir = Files.createTempDirectory(base, ProcessHandle.current().pid() + "-");
            if (user.isPresent()) {
                chown(user.get(), dir);
            }
            return dir;
        } catch (IOException e) {
            throw new EngineException("cannot make podman's run root under " + base + ": " + e.getMessage());
        }
    }

    private static long pidOf(Path dir) {
        String n = dir.getFileName().toString();
        try {
            return Long.parseLong(n.substring(0, Math.max(n.indexOf('-'), 0)));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A service on the calling user's own storage, so that their images are there: what {@code validate
     * --podman} talks to. The socket goes into {@code dir}.
     */
    static PodmanService forCurrentUser(Path dir, String runtime) throws EngineException {
        Path socket = dir.resolve("api.sock");
        List<String> podman = new ArrayList<>(List.of("podman"));
        if (runtime != null) {
            podman.addAll(List.of("--runtime", runtime));
        }
        podman.addAll(List.of("system", "service", "--time=0", "unix://" + socket));
        String service = String.join(" ", quoteAll(podman));
        return launch(service, "unix://" + socket, socket, dir.resolve("service.log"));
    }

    private static PodmanService launch(String service, String host, Path socket, Path log) throws EngineException {
        if (!onPath("podman")) {
            throw new EngineException("podman is not installed (Debian: apt-get install podman)", EnvStatus.SKIPPED);
        }
        // The first process of the namespace: runs the service until it exits or the JVM's pipe closes
        // (a background job reads the pipe through fd 3: its plain stdin would be /dev/null).
        String watch = "exec 3<&0; " + service + " & svc=$!; { read -r _ <&3; kill $svc; } & wait $svc; exit 0";
        List<String> argv = root()
                ? List.of("unshare", "--pid", "--mount", "--fork", "--mount-proc", "--propagation", "private", "--", "sh", "-c",
                        "umount /sys/fs/cgroup/unified 2>/dev/null; " + watch)
                // Without root no namespaces: the service ends with the pipe, its conmons after podman's delay.
                : List.of("sh", "-c", watch);
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new EngineException("cannot start podman system service: " + e.getMessage());
        }
        PodmanService s = new PodmanService(p, host, log);
        s.awaitReady(socket);
        return s;
    }

    private void awaitReady(Path socket) throws EngineException {
        long deadline = System.nanoTime() + READY.toNanos();
        EngineEndpoint endpoint = new EngineEndpoint(java.net.URI.create(host));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String why = lastLog();
                close();
                throw new EngineException("podman system service exited: " + why);
            }
            if (Files.exists(socket)) {
                try {
                    endpoint.version();
                    return;
                } catch (IOException notYet) {
                    // Socket made, API not serving yet.
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new EngineException("interrupted");
            }
        }
        close();
        throw new EngineException("podman system service not ready after " + READY.toSeconds() + " s: " + lastLog(), EnvStatus.TIMEOUT);
    }

    private String lastLog() {
        try {
            List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(l -> !l.isEmpty())
                    .filter(l -> !l.contains("level=warning")).toList();
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no log (" + e.getMessage() + ")";
        }
    }

    /** Ends the service and, as root, everything in its namespace; waits until it is gone. */
    @Override
    public void close() {
        try {
            lifeline.close();
        } catch (IOException gone) {
            // The process ended already.
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Cleanup.deleteTree(runroot);
    }

    private static void requireRoot(boolean rootless) throws EngineException {
        if (!root()) {
            throw new EngineException("podman environments need root (" + (rootless ? "to act as " + ROOTLESS_USER
                    : "rootful podman") + ")", EnvStatus.SKIPPED);
        }
    }

    static boolean root() {
        try {
            // /proc/self belongs to the process's effective user.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void chown(Rootless u, Path... paths) throws IOException {
        for (Path p : paths) {
            Files.setAttribute(p, "unix:uid", u.uid());
            Files.setAttribute(p, "unix:gid", u.gid());
        }
    }

    static List<String> quoteAll(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList();
    }

    /** The rootless user: its ids, and proof that it has subordinate ids for a user namespace. */
    record Rootless(String name, int uid, int gid) {
        static Rootless lookup(String name) throws EngineException {
            try {
                Optional<String[]> entry = Files.readAllLines(Path.of("/etc/passwd")).stream().map(l -> l.split(":"))
                        .filter(f -> f.length > 3 && f[0].equals(name)).findFirst();
                if (entry.isEmpty()) {
                    throw new EngineException("no user " + name + " for rootless podman (.ci/run or matrix/podman/setup.sh"
                            + " creates it)", EnvStatus.SKIPPED);
                }
                for (String map : List.of("/etc/subuid", "/etc/subgid")) {
                    Path f = Path.of(map);
                    if (!Files.exists(f) || Files.readAllLines(f).stream().noneMatch(l -> l.startsWith(name + ":"))) {
                        throw new EngineException(name + " has no subordinate ids in " + map + " (matrix/podman/setup.sh adds them)",
                                EnvStatus.SKIPPED);
                    }
                }
                return new Rootless(name, Integer.parseInt(entry.get()[2]), Integer.parseInt(entry.get()[3]));
            } catch (IOException | NumberFormatException e) {
                throw new EngineException("cannot read the user database: " + e.getMessage());
            }
        }

        /** The service command as this user, with its own HOME and runtime directory. */
        String wrap(List<String> podman, Path xdg) {
            List<String> argv = new ArrayList<>(List.of("runuser", "-u", name, "--", "env", "HOME=" + xdg, "XDG_RUNTIME_DIR=" + xdg,
                    "XDG_CONFIG_HOME=" + xdg.resolve("config"), "XDG_DATA_HOME=" + xdg.resolve("data")));
            argv.addAll(podman);
            return String.join(" ", quoteAll(argv));
        }
    }
}
