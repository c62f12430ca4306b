package dev.fsconform.container;

import dev.fsconform.env.EnvFailure;
import dev.fsconform.env.KernelBuilder;
import dev.fsconform.result.EnvStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * build-kernel.sh in a container of the kernel-tools image (Debian's apt, dpkg, busybox-static, kmod,
 * xz-utils, zstd), for a host that lacks them. The cache root (the kernel cache, apt-suite.sh's package
 * lists and .debs) and the scripts are bound in at their own paths, so the script writes the very cache
 * entry the host's builder would; the container has the network (the Debian mirror) and nothing else of
 * the host: no capability, device or other directory. Its files belong to the invoking user (root when
 * root). It runs on a {@link Lifeline} with the run's labels: a SIGKILL of this JVM ends the download at
 * once, and the next run's {@link Leftovers} removes whatever a crash left.
 */
public final class KernelBuilds implements KernelBuilder {
    /** The env label of the builder's containers. */
    static final String ENV = "kernel-builder";
    /** What the script reads from the environment besides the cache root. */
    private static final List<String> PASSED = List.of("FSCONFORM_DEBIAN_MIRROR", "FSCONFORM_APT_MAX_AGE");
    private static final Duration COPY = Duration.ofSeconds(120);

    private final KernelEngine engine;
    private final KernelEngine.Session session;
    private final String image;
    private final Path scripts;
    private final Path cacheRoot;

    private KernelBuilds(KernelEngine engine, KernelEngine.Session session, String image, Path scripts, Path cacheRoot) {
        this.engine = engine;
        this.session = session;
        this.image = image;
        this.scripts = scripts;
        this.cacheRoot = cacheRoot;
    }

    public static KernelBuilder.Factory factory(KernelEngine engine) {
        return (scripts, cacheRoot, progress) -> {
            KernelEngine.Session s = engine.acquire("building kernels in an image");
            try {
                progress.accept("finding or building the kernel builder's image");
                String tag = Images.kernelTools(s.api(), s.run(), s.cleanup(), progress);
                return new KernelBuilds(engine, s, tag, scripts, cacheRoot);
            } catch (EngineException e) {
                engine.release();
                String why = "the kernel builder's image: " + e.getMessage();
                throw e.status() == EnvStatus.SKIPPED ? EnvFailure.skipped(why) : EnvFailure.setupError(why);
            } catch (RuntimeException e) {
                engine.release();
                throw e;
            }
        };
    }

    @Override
    public String name() {
        return "image:" + image;
    }

    /** The image's own busybox, copied out by a container of it: the one its builds put into the initramfs. */
    @Override
    public byte[] busybox() throws IOException, EnvFailure {
        Path dir = Files.createTempDirectory(session.cleanup().runDir(), "busybox-");
        try {
            Path copy = dir.resolve("busybox");
            Path log = dir.resolve("copy.log");
            int rc = Lifeline.run(session.api(), session.cleanup(), spec(List.of()),
                    List.of("sh", "-c", "cp \"$(command -v busybox)\" \"$0\"", copy.toString()), dir, "busybox", log, log, COPY,
                    "the kernel builder's container");
            if (rc != 0 || !Files.isRegularFile(copy)) {
                throw EnvFailure.setupError("cannot copy busybox out of " + image + ": " + lastLine(log));
            }
            return Files.readAllBytes(copy);
        } finally {
            Cleanup.deleteTree(dir);
        }
    }

    @Override
    public int run(List<String> args, Path stdout, Path log, Duration limit) throws IOException, EnvFailure {
        Path dir = stdout.getParent();
        String step = stdout.getFileName().toString().replaceFirst("\\.out$", "");
        List<String> argv = new ArrayList<>(List.of("env", "FSCONFORM_IMAGE_CACHE=" + cacheRoot));
        Map<String, String> env = System.getenv();
        PASSED.stream().filter(env::containsKey).forEach(k -> argv.add(k + "=" + env.get(k)));
        argv.addAll(List.of("bash", scripts.resolve("kernels/build-kernel.sh").toString()));
        argv.addAll(args);
        List<String> binds = List.of(cacheRoot + ":" + cacheRoot, scripts + ":" + scripts + ":ro");
        try {
            return Lifeline.run(session.api(), session.cleanup(), spec(binds), argv, dir, step, stdout, log, limit,
                    "the kernel builder's container");
        } catch (EnvFailure f) {
            throw f.status() == EnvStatus.TIMEOUT ? EnvFailure.timeout(f.getMessage() + ", during: " + step) : f;
        }
    }

    /** The builder's containers: the run's labels, the network, and the invoking user (null: root, the image's). */
    ContainerSpec spec(List<String> binds) throws IOException {
        return ContainerSpec.of(image, List.of(), Labels.owner(session.run(), ENV)).withBinds(binds).withNetwork("bridge")
                .withUser(user());
    }

    /** UID:GID of this JVM, or null for root: the owner of /proc/self is the process's own. */
    static String user() throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        return uid == 0 ? null : uid + ":" + gid;
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList() : List.of();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }

    @Override
    public void close() {
        engine.release();
    }
}
