package dev.fsconform.env;

import dev.fsconform.input.MatrixFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Exec.Outcome resolved = resolve(k, logDir, phase);
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
                removePartials(k);
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

    /**
     * The concrete packages: the script's answer, kept while the suite's package lists stay what it
     * read (apt-suite.sh refreshes them at most daily and stamps each refresh), so a warm run reads
     * no package lists at all: apt-cache on four suites costs tens of seconds.
     */
    private Exec.Outcome resolve(Kernel k, Path logDir, Consumer<String> phase) throws IOException, EnvFailure {
        Path kept = cache.resolve(k.name() + ".resolved");
        Path stamp = cacheRoot().resolve("apt").resolve(k.suite()).resolve("updated");
        if (Files.isRegularFile(kept) && Files.isRegularFile(stamp)) {
            long listsMillis = Files.getLastModifiedTime(stamp).toMillis();
            String[] lines = Files.readString(kept).split("\n", 2);
            if (lines.length == 2 && lines[0].equals(k.suite() + " " + k.packageName())
                    && Files.getLastModifiedTime(kept).toMillis() > listsMillis
                    && System.currentTimeMillis() - listsMillis < listsMaxAgeMillis()) {
                return new Exec.Outcome(0, lines[1]);
            }
        }
        phase.accept("reading " + k.suite() + "'s package lists for " + k.packageName());
        Exec.Outcome o = script(logDir, "resolve-" + k.name(), RESOLVE_SECONDS, "resolve", k.suite(), k.packageName());
        if (o.ok()) {
            // Atomically: another run may be reading it right now.
            Path tmp = Files.createTempFile(cache, "." + k.name() + ".resolved-", ".tmp");
            try {
                Files.writeString(tmp, k.suite() + " " + k.packageName() + "\n" + o.output());
                Files.move(tmp, kept, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return o;
    }

    /** apt-suite.sh refreshes lists older than FSCONFORM_APT_MAX_AGE seconds (default a day). */
    private static long listsMaxAgeMillis() {
        try {
            return Long.parseLong(System.getenv().getOrDefault("FSCONFORM_APT_MAX_AGE", "86400").strip()) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Exit code 2 is the script's own refusal (no such package, no mirror): SKIPPED; anything else failed. */
    private static EnvFailure failure(Exec.Outcome o, String what) {
        String why = what + ": " + o.lastLine().replaceFirst("^build-kernel: |^apt-suite: ", "");
        return o.exitCode() == 2 ? EnvFailure.skipped(why) : EnvFailure.setupError(why);
    }

    /**
     * Runs the builder in an enclave of its own where one can be made, so that a SIGKILL of this JVM
     * ends a download or an unpacking at once instead of leaving it running; what it had unpacked is
     * a partial directory the next build of that kernel removes.
     */
    private Exec.Outcome script(Path logDir, String step, int seconds, String... args) throws IOException, EnvFailure {
        List<String> argv = new java.util.ArrayList<>(List.of("bash", scripts.resolve(SCRIPTS[0]).toString()));
        argv.addAll(List.of(args));
        Path stdout = logDir.resolve(step + ".out");
        Enclave enclave = null;
        try {
            enclave = Enclave.open(!"root".equals(System.getProperty("user.name")), logDir.resolve(step + ".enclave.log"), children);
        } catch (EnvFailure noNamespaces) {
            // Without namespaces the builder still runs; only a SIGKILL then leaves it to finish alone.
        }
        try {
            Exec.Outcome o = Exec.run(enclave == null ? argv : enclave.inside(argv), stdout, logDir.resolve(step + ".log"),
                    Deadline.in(seconds), children);
            return o.ok() ? new Exec.Outcome(0, Files.readString(stdout)) : o;
        } finally {
            if (enclave != null) {
                enclave.close();
            }
        }
    }

    /** Partial directories of builds that died (SIGKILL, power loss): no live build holds the kernel's lock now. */
    private void removePartials(Kernel k) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(cache)) {
            for (Path p : s.filter(d -> d.getFileName().toString().startsWith(k.name() + "-")
                    && d.getFileName().toString().contains(".partial.")).toList()) {
                RunDir.deleteTree(p);
            }
        }
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
