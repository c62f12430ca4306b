package dev.fsconform.container;

import dev.fsconform.env.EnvFailure;
import dev.fsconform.env.KernelLauncher;
import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Kernel guests booted from locally built images (build-images.sh kernel:NAME=DIR): QEMU, the guest's
 * tools, one kernel with its initramfs, this jar and its class-data archive, in one image per kernel,
 * so a host without QEMU still gets the kernel axis. The container's root is the guest's root share.
 * QEMU runs on a {@link Lifeline}: it dies with this JVM, SIGKILL included, at this JVM's nice level.
 * The directory holding the guest's results share is bound in at its own path, so results come back
 * as with the host's QEMU; the container carries the run's labels, so the next run's
 * {@link Leftovers} removes what a crash left.
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

    private final KernelEngine engine;
    private final KernelEngine.Session session;
    private final Path jar;
    private final Map<String, String> tags = new ConcurrentHashMap<>();

    private KernelContainers(KernelEngine engine, KernelEngine.Session session, Path jar) {
        this.engine = engine;
        this.session = session;
        this.jar = jar;
    }

    public static KernelLauncher.Factory factory(Path jar, KernelEngine engine) {
        return () -> new KernelContainers(engine, engine.acquire("kernel images"), jar);
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
                    : Images.kernel(session.api(), jar, kernel, kernelDir, dump, session.run(), session.cleanup(), phase);
        } catch (EngineException e) {
            throw e.status() == EnvStatus.SKIPPED ? EnvFailure.skipped(e.getMessage()) : EnvFailure.setupError(e.getMessage());
        }
        tags.put(kernel, tag);
        engine.progress().accept("kernel " + kernel + ": image " + tag);
        return new Guest("image:" + tag, QEMU, JAVA, JAR, ARCHIVE, KERNEL.resolve("vmlinuz"), KERNEL.resolve("initramfs.gz"));
    }

    @Override
    public int run(Guest guest, List<String> argv, Path dir, Path log, Duration limit) throws IOException, EnvFailure {
        Files.deleteIfExists(log);
        ContainerSpec spec = ContainerSpec.of(guest.launcher().substring("image:".length()), List.of(),
                Labels.owner(session.run(), dir.getFileName().toString()));
        if (argv.stream().anyMatch(a -> a.contains("accel=kvm"))) {
            spec = spec.withPrivilege(Privilege.devices(List.of("/dev/kvm"), "unprivileged, /dev/kvm"));
        }
        return Lifeline.run(session.api(), session.cleanup(), spec, argv, dir, "qemu", log, log, limit, "the kernel's container");
    }

    @Override
    public void close() {
        engine.release();
    }
}
