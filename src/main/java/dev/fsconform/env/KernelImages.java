package dev.fsconform.env;

import dev.fsconform.input.MatrixFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Bootable kernels in a user cache directory, keyed by a content hash of what goes into them: the
 * Debian packages (name, version and SHA-256 as the suite's package lists state them), the builder
 * script, the guest's init and the busybox binary. A second run downloads and builds nothing; with
 * the package lists unreadable (offline) the last image built for that kernel is used.
 */
final class KernelImages {
    static final String[] SCRIPTS = {"kernels/build-kernel.sh", "kernels/guest-init.sh", "debian/apt-suite.sh"};
    private static final int RESOLVE_SECONDS = 180;
    private static final int BUILD_SECONDS = 900;
    private static final String COMPLETE = "complete";

    private final Path cache;
    private final Path scripts;
    private final Children children;

    private KernelImages(Path cache, Path scripts, Children children) {
        this.cache = cache;
        this.scripts = scripts;
        this.children = children;
    }

    /** The scripts come from the jar (a checkout's matrix/ is bundled), copied into {@code workDir}. */
    static KernelImages open(Path workDir, Children children) throws IOException {
        Path scripts = Files.createDirectories(workDir.resolve("scripts"));
        MatrixFile.extractScripts(scripts, SCRIPTS);
        Path cache = Files.createDirectories(cacheRoot().resolve("kernels"));
        return new KernelImages(cache, scripts, children);
    }

    /** Where apt-suite.sh keeps its suites too: FSCONFORM_IMAGE_CACHE, else /var/cache/fsconform for root, else ~/.cache/fsconform. */
    static Path cacheRoot() {
        Map<String, String> env = System.getenv();
        String set = env.get("FSCONFORM_IMAGE_CACHE");
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/cache/fsconform");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("fsconform");
    }

    /** The kernel's image, from the cache or built now; a kernel that cannot be had is an EnvFailure with the reason. */
    KernelImage ensure(Kernel k, Path logDir, Consumer<String> phase) throws IOException, EnvFailure {
        Path last = cache.resolve(k.name() + ".last");
        phase.accept("reading " + k.suite() + "'s package lists for " + k.packageName());
        Exec.Outcome resolved = script(logDir, "resolve-" + k.name(), RESOLVE_SECONDS, "resolve", k.suite(), k.packageName());
        if (!resolved.ok()) {
            Path previous = Files.isRegularFile(last) ? cache.resolve(Files.readString(last).strip()) : null;
            if (previous != null && Files.isRegularFile(previous.resolve(COMPLETE))) {
                return image(previous, "cached, offline (" + resolved.lastLine() + ")");
            }
            throw failure(resolved, "cannot resolve " + k.packageName() + " in " + k.suite());
        }
        String packages = resolved.output().strip();
        Path dir = cache.resolve(k.name() + "-" + key(packages));
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return image(dir, "cached");
        }
        // Two runs building one kernel at once: the second waits, then finds it complete.
        try (FileChannel ch = FileChannel.open(cache.resolve(".lock-" + k.name()), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            if (lock.isValid() && !Files.isRegularFile(dir.resolve(COMPLETE))) {
                phase.accept("downloading " + packages.lines().map(l -> l.split(" ")[0]).collect(Collectors.joining(" "))
                        + " and building its initramfs");
                Exec.Outcome built = script(logDir, "build-" + k.name(), BUILD_SECONDS, "build", k.suite(), k.packageName(),
                        dir.toString());
                if (!built.ok()) {
                    throw failure(built, "cannot build the " + k.suite() + " kernel");
                }
                Files.writeString(dir.resolve(COMPLETE), packages + "\n");
                Files.writeString(last, dir.getFileName() + "\n");
                return image(dir, "built");
            }
        }
        return image(dir, "cached");
    }

    /** Exit code 2 is the script's own refusal (no such package, no mirror): SKIPPED; anything else failed. */
    private static EnvFailure failure(Exec.Outcome o, String what) {
        String why = what + ": " + o.lastLine().replaceFirst("^build-kernel: |^apt-suite: ", "");
        return o.exitCode() == 2 ? EnvFailure.skipped(why) : EnvFailure.setupError(why);
    }

    private Exec.Outcome script(Path logDir, String step, int seconds, String... args) throws IOException, EnvFailure {
        List<String> argv = new java.util.ArrayList<>(List.of("bash", scripts.resolve(SCRIPTS[0]).toString()));
        argv.addAll(List.of(args));
        Path stdout = logDir.resolve(step + ".out");
        Exec.Outcome o = Exec.run(argv, stdout, logDir.resolve(step + ".log"), Deadline.in(seconds), children);
        return o.ok() ? new Exec.Outcome(0, Files.readString(stdout)) : o;
    }

    private KernelImage image(Path dir, String how) throws IOException {
        return new KernelImage(dir, Files.readString(dir.resolve("release")).strip(),
                Files.readString(dir.resolve("packages")).strip(), how);
    }

    /** SHA-256 over the packages and every file that shapes the image; 16 hex digits name the directory. */
    private String key(String packages) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(packages.getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(scripts.resolve(SCRIPTS[0])));
            md.update(Files.readAllBytes(scripts.resolve(SCRIPTS[1])));
            Path busybox = Tool.BUSYBOX.locate().orElse(null);
            if (busybox != null) {
                md.update(Files.readAllBytes(busybox));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
