package dev.fsconform.container;

import dev.fsconform.env.EnvFailure;
import dev.fsconform.env.KernelLauncher;
import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Kernel guests booted from locally built images (build-images.sh kernel:NAME=DIR): QEMU, the guest's
 * tools, one kernel with its initramfs, this jar and its class-data archive, in one image per kernel,
 * so a host without QEMU still gets the kernel axis. The container's root is the guest's root share.
 * Its command ties it to this JVM: QEMU is killed when a FIFO, which only this JVM holds open for
 * writing, reads EOF, as it does the moment the JVM ends, SIGKILL included. The directory holding
 * the guest's results share is bound in at its own path, so results come back as with the host's
 * QEMU; the container gets this JVM's nice level and the CPU weight that goes with it; it carries the run's labels, so the next run's {@link Leftovers} removes what a
 * crash left.
 */
public final class KernelContainers implements KernelLauncher {
    static final String DIR = "/opt/fsconform";
    private static final Path JAVA = Path.of("/opt/java/bin/java");
    private static final Path JAR = Path.of(DIR, "fsconform.jar");
    private static final Path ARCHIVE = Path.of(DIR, "fsconform.jsa");
    private static final Path KERNEL = Path.of(DIR, "kernel");
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    /** Where the image's build trains the class-data archive (removed in the same layer). */
    private static final Path TRAIN = Path.of("/tmp/cds-train");
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * $1 the FIFO this JVM holds, $2 the file for QEMU's exit status, $3 its log, $4 the nice level
     * (a container does not inherit the client's), then QEMU's argv.
     */
    private static final String COMMAND = String.join("\n",
            "exec >>\"$3\" 2>&1",
            "exec 3<\"$1\"",
            "exit_file=$2 level=$4; shift 4",
            "nice -n \"$level\" \"$@\" & q=$!",
            "{ cat <&3 >/dev/null; kill -9 $q; } 2>/dev/null &",
            "wait $q; rc=$?",
            "echo $rc >\"$exit_file\"",
            "exit $rc");

    private final EngineApi api;
    private final Path jar;
    private final RunId run;
    private final Cleanup cleanup;
    private final Consumer<String> progress;
    private final Map<String, String> tags = new ConcurrentHashMap<>();

    private KernelContainers(EngineApi api, Path jar, RunId run, Cleanup cleanup, Consumer<String> progress) {
        this.api = api;
        this.jar = jar;
        this.run = run;
        this.cleanup = cleanup;
        this.progress = progress;
    }

    /**
     * @param dockerHost null: fsconform.docker.host, DOCKER_HOST, the standard socket
     * @param workDir where the run directory goes (the one {@link Leftovers} reaps)
     */
    public static KernelLauncher.Factory factory(Path jar, Path workDir, String dockerHost, Consumer<String> progress) {
        return () -> open(jar, workDir, dockerHost, progress);
    }

    private static KernelContainers open(Path jar, Path workDir, String dockerHost, Consumer<String> progress) throws EnvFailure {
        EngineApi api;
        try {
            api = EngineApi.connect(dockerHost);
        } catch (EngineException e) {
            String why = "kernel images need a container engine: " + e.getMessage();
            throw e.status() == EnvStatus.SKIPPED ? EnvFailure.skipped(why) : EnvFailure.setupError(why);
        }
        RunId run = RunId.current();
        Path runDir = workDir.resolve(Leftovers.RUN_DIR_PREFIX + run);
        Cleanup cleanup = new Cleanup(api, runDir);
        try {
            Leftovers.reap(api, workDir, Instant.now()).forEach(r -> progress.accept("reaped " + r));
            Files.createDirectories(runDir);
            return new KernelContainers(api, jar, run, cleanup, progress);
        } catch (EngineException | IOException e) {
            cleanup.close();
            throw EnvFailure.setupError("kernel images: " + e.getMessage());
        }
    }

    @Override
    public Guest prepare(String kernel, Path kernelDir, Consumer<String> phase) throws EnvFailure {
        phase.accept("building or finding the kernel's image");
        // The training's plain directory cannot be built in an image build (no CAP_SYS_ADMIN to unshare
        // there), so its matrix exits 1; the classes its JVM and the matrix loaded are listed all the same.
        String dump = KernelLauncher.classArchiveDump(JAVA, JAR, ARCHIVE, TRAIN);
        String tag;
        try {
            tag = tags.containsKey(kernel) ? tags.get(kernel)
                    : Images.kernel(api, jar, kernel, kernelDir, dump, run, cleanup, phase);
        } catch (EngineException e) {
            throw e.status() == EnvStatus.SKIPPED ? EnvFailure.skipped(e.getMessage()) : EnvFailure.setupError(e.getMessage());
        }
        tags.put(kernel, tag);
        progress.accept("kernel " + kernel + ": image " + tag);
        return new Guest("image:" + tag, QEMU, JAVA, JAR, ARCHIVE, KERNEL.resolve("vmlinuz"), KERNEL.resolve("initramfs.gz"));
    }

    @Override
    @SuppressWarnings("try")
    public int run(Guest guest, List<String> argv, Path dir, Path log, Duration limit) throws IOException, EnvFailure {
        String image = guest.launcher().substring("image:".length());
        Path lifeline = dir.resolve("lifeline");
        Path exit = dir.resolve("qemu.exit");
        Files.deleteIfExists(log);
        Files.deleteIfExists(exit);
        Files.deleteIfExists(lifeline);
        mkfifo(lifeline);
        int nice = niceLevel();
        List<String> cmd = new ArrayList<>(List.of(lifeline.toString(), exit.toString(), log.toString(), String.valueOf(nice)));
        cmd.addAll(argv);
        ContainerSpec spec = ContainerSpec.of(image, cmd, Labels.owner(run, dir.getFileName().toString()))
                .withEntrypoint(List.of("/bin/sh", "-c", COMMAND, "fsconform-kernel")).withBinds(List.of(dir + ":" + dir))
                .withCpuShares(nice == 0 ? null : cpuShares(nice));
        if (argv.stream().anyMatch(a -> a.contains("accel=kvm"))) {
            spec = spec.withPrivilege(Privilege.devices(List.of("/dev/kvm"), "unprivileged, /dev/kvm"));
        }
        // Opened for reading and writing: no wait for a reader, and the container's read sees EOF once this JVM is gone.
        try (RandomAccessFile held = new RandomAccessFile(lifeline.toFile(), "rw")) {
            String id = null;
            try {
                id = api.create(spec);
                cleanup.container(id);
                api.start(id);
                long deadline = System.nanoTime() + limit.toNanos();
                while (api.running(id)) {
                    if (System.nanoTime() > deadline) {
                        throw EnvFailure.timeout("timed out after " + limit.toSeconds() + " s");
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } catch (EngineException e) {
                throw EnvFailure.setupError("cannot start the kernel's container: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EnvFailure.setupError("interrupted");
            } finally {
                if (id != null) {
                    cleanup.removeContainer(id);
                }
            }
        }
        if (!Files.isRegularFile(exit)) {
            return -1;
        }
        try {
            return Integer.parseInt(Files.readString(exit).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        cleanup.close();
    }

    private static void mkfifo(Path p) throws IOException, EnvFailure {
        try {
            Process mk = new ProcessBuilder("mkfifo", "-m", "600", p.toString()).redirectErrorStream(true).start();
            String out = new String(mk.getInputStream().readAllBytes()).strip();
            if (mk.waitFor() != 0) {
                throw EnvFailure.setupError("cannot make the container's lifeline " + p + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EnvFailure.setupError("interrupted");
        }
    }

    /**
     * The CPU weight the scheduler gives a process at {@code nice} (its table sched_prio_to_weight, about
     * 1024 / 1.25^nice: 15 at 19): a container's group competes with the host's processes as one with its
     * weight, so nice inside it alone would leave QEMU as strong as a nice-0 process.
     */
    static int cpuShares(int nice) {
        return Math.max(2, (int) Math.round(1024 / Math.pow(1.25, Math.max(-20, Math.min(19, nice)))));
    }

    /** This JVM's nice level (field 19 of /proc/self/stat), 0 when it cannot be read. */
    static int niceLevel() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
