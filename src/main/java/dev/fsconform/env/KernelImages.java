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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Bootable kernels in a user cache directory, keyed by a content hash of what goes into them: the
 * Debian packages (name, version and SHA-256 as the suite's package lists state them), the builder
 * script, the guest's init and the busybox binary of the {@link KernelBuilder} that runs the script
 * (the host's or the kernel-tools image's): an entry one builder made is another's exactly when those
 * are equal. A second run downloads and builds nothing (and opens no builder unless the package lists
 * are older than a day); with the lists unreadable (offline) the last image built for that kernel is used.
 */
final class KernelImages implements AutoCloseable {
    static final String[] SCRIPTS = {"kernels/build-kernel.sh", "kernels/guest-init.sh", "debian/apt-suite.sh"};
    private static final int RESOLVE_SECONDS = 180;
    private static final int BUILD_SECONDS = 900;
    private static final String COMPLETE = "complete";
    /** Entries kept per kernel: its newest and the one used before it. */
    private static final int KEEP = 2;
    /** A kernel's entry, {@code NAME-KEY}, or what its build writes first, {@code NAME-KEY.partial.*}. */
    private static final Pattern ENTRY = Pattern.compile("(.+)-[0-9a-f]{16}(\\.partial\\..*)?");

    private final Path cache;
    private final Path scripts;
    private final KernelBuilder.Factory builders;
    private final Consumer<String> progress;
    private final CacheUse use;
    private KernelBuilder builder;
    private EnvFailure noBuilder;
    private byte[] busybox;

    private KernelImages(Path cache, Path scripts, KernelBuilder.Factory builders, Consumer<String> progress, CacheUse use) {
        this.cache = cache;
        this.scripts = scripts;
        this.builders = builders;
        this.progress = progress;
        this.use = use;
    }

    /** With the host's builder. */
    static KernelImages open(Path workDir, Children children) throws IOException {
        return open(workDir, (scripts, root, progress) -> new HostBuilder(scripts, children), line -> { });
    }

    /**
     * The scripts come from the jar (a checkout's matrix/ is bundled), copied into {@code workDir};
     * the builder is opened the first time a kernel needs the script. The cache is in use by this
     * run until {@link #close}; before that, if no other run uses it, old entries go ({@link #prune}).
     */
    static KernelImages open(Path workDir, KernelBuilder.Factory builders, Consumer<String> progress) throws IOException {
        Path scripts = Files.createDirectories(workDir.resolve("scripts"));
        MatrixFile.extractScripts(scripts, SCRIPTS);
        Path cache = Files.createDirectories(cacheRoot().resolve("kernels"));
        CacheUse use = CacheUse.open(cache);
        try {
            use.ifAlone(() -> prune(cache));
            use.share();
        } catch (IOException | RuntimeException e) {
            use.close();
            throw e;
        }
        return new KernelImages(cache, scripts, builders, progress, use);
    }

    /**
     * With no run using the cache: per kernel, the entry its last build made ({@code NAME.last}) and
     * the one used last before it stay (another checkout's jar or init may want that one), older ones
     * go, and so does what a build that died left (a partial directory, or one never marked complete).
     */
    static void prune(Path cache) throws IOException {
        Map<String, List<Path>> byKernel = new TreeMap<>();
        try (Stream<Path> s = Files.list(cache)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                Matcher m = ENTRY.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                if (m.group(2) != null || !Files.isRegularFile(p.resolve(COMPLETE))) {
                    RunDir.deleteTree(p);
                } else {
                    byKernel.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
                }
            }
        }
        for (Map.Entry<String, List<Path>> e : byKernel.entrySet()) {
            Path last = cache.resolve(e.getKey() + ".last");
            String newest = Files.isRegularFile(last) ? Files.readString(last).strip() : "";
            List<Path> others = e.getValue().stream().filter(p -> !p.getFileName().toString().equals(newest))
                    .sorted(Comparator.comparing(CacheUse::lastUsed).reversed()).toList();
            int kept = newest.isEmpty() || others.size() == e.getValue().size() ? KEEP : KEEP - 1;
            for (Path p : others.subList(Math.min(kept, others.size()), others.size())) {
                RunDir.deleteTree(p);
            }
        }
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
                        + " and building its initramfs (builder " + builder().name() + ")");
                Exec.Outcome built = script(logDir, "build-" + k.name(), BUILD_SECONDS, "build", k.suite(), k.packageName(),
                        dir.toString());
                if (!built.ok()) {
                    throw failure(built, "cannot build the " + k.suite() + " kernel");
                }
                Files.writeString(dir.resolve(COMPLETE), packages + "\n");
                Files.writeString(last, dir.getFileName() + "\n");
                return image(dir, "built by " + builder().name());
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

    /** Runs build-kernel.sh through the builder: its standard output when it succeeds, else its errors. */
    private Exec.Outcome script(Path logDir, String step, int seconds, String... args) throws IOException, EnvFailure {
        Path stdout = logDir.resolve(step + ".out");
        Path log = logDir.resolve(step + ".log");
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(log);
        int rc = builder().run(List.of(args), stdout, log, Duration.ofSeconds(seconds));
        Path text = rc == 0 ? stdout : log;
        return new Exec.Outcome(rc, Files.isRegularFile(text) ? Files.readString(text) : "");
    }

    private KernelBuilder builder() throws EnvFailure {
        // A builder that cannot be had (no engine, no image) is not tried again for the next kernel.
        if (builder == null && noBuilder == null) {
            try {
                builder = builders.open(scripts, cacheRoot(), progress);
            } catch (EnvFailure f) {
                noBuilder = f;
            }
        }
        if (noBuilder != null) {
            throw noBuilder;
        }
        return builder;
    }

    @Override
    public void close() {
        try {
            if (builder != null) {
                builder.close();
            }
        } finally {
            try {
                use.close();
            } catch (IOException e) {
                // The lock goes with the channel, and with this process at the latest.
            }
        }
    }

    /** Partial directories of builds that died (SIGKILL, power loss): no live build holds the kernel's lock now. */
    private void removePartials(Kernel k) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            for (Path p : s.filter(d -> d.getFileName().toString().startsWith(k.name() + "-")
                    && d.getFileName().toString().contains(".partial.")).toList()) {
                RunDir.deleteTree(p);
            }
        }
    }

    private KernelImage image(Path dir, String how) throws IOException {
        CacheUse.used(dir);
        return new KernelImage(dir, Files.readString(dir.resolve("release")).strip(),
                Files.readString(dir.resolve("packages")).strip(), how);
    }

    private String key(String packages) throws IOException, EnvFailure {
        if (busybox == null) {
            busybox = builder().busybox();
        }
        return key(packages, Files.readAllBytes(scripts.resolve(SCRIPTS[0])), Files.readAllBytes(scripts.resolve(SCRIPTS[1])),
                busybox);
    }

    /**
     * SHA-256 over the packages and every file that shapes the image (the builder script, the guest's
     * init, the builder's busybox binary); 16 hex digits name the directory. Which builder ran is not
     * an input: equal inputs give equal images.
     */
    static String key(String packages, byte[] builderScript, byte[] init, byte[] busybox) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(packages.getBytes(StandardCharsets.UTF_8));
            md.update(builderScript);
            md.update(init);
            md.update(busybox);
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
