package dev.fsconform.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fsconform jar as a kernel guest runs it, with a class-data archive (AppCDS) of the classes its
 * host lab loads, listed here on the host by a host-lab run of one plain directory as the guest runs
 * it (probe on a thread, results streamed, JSON only) and dumped as a static archive. Under
 * emulation the guest's JVM would otherwise parse and verify those few thousand classes again, at
 * 20-30 times the native cost.
 *
 * <p>CDS takes an archive only for the jar it was dumped from, by path, size and modification time,
 * so the jar copy and its archive live together in the cache ({@code guest-jar/KEY/}), where both
 * stay put between runs; the guest mounts that directory read-only at the same path. KEY hashes the
 * jar's content, the JDK and the dump's recipe: a new build or a JDK update dumps again, anything
 * else reuses it (a dump costs 5-20 s of the host's time before a boot). Entries are made and
 * pruned under a build lock; a run holds a shared lock while its guests may read an entry, and
 * entries beyond the few used last are removed only when no run holds one. A directory with neither
 * mark ({@code complete}, {@code failed}) is what a killed dump left, removed by the next one.
 */
final class ClassArchive implements AutoCloseable {
    private static final int DUMP_SECONDS = 180;
    /** A plain directory: an environment any user can build, so the dump also works without root. */
    private static final String TRAINING = "plain";
    /** Bumped whenever the dump's command line below changes meaning. */
    private static final String RECIPE = Launcher.GUEST_MATRIX + " --only " + TRAINING + " --probe-threads --json-only, static, v3";
    private static final String COMPLETE = "complete";
    /** The dump failed (a JDK that cannot dump, out of time): the jar copy alone is used. */
    private static final String FAILED = "failed";
    /** Entries kept: a few builds (worktrees, branches) in turn should not dump each other's away. */
    private static final int KEEP = 3;

    private final Launcher launcher;
    private final String how;
    private final CacheUse use;

    private ClassArchive(Launcher launcher, String how, CacheUse use) {
        this.launcher = launcher;
        this.how = how;
        this.use = use;
    }

    /** For the progress line: cached, dumped now, or not to be had. */
    String how() {
        return how;
    }

    /** The cached jar copy the guest runs. */
    Path jar() {
        return launcher.jar();
    }

    /** Its class-data archive, or null where none could be dumped. */
    Path archive() {
        return launcher.archive();
    }

    /** The jar copy and its archive for the launcher's jar and JDK, from the cache or made now. */
    static ClassArchive open(Launcher launcher, Path cacheDir, Children children) throws IOException {
        Path root = Files.createDirectories(cacheDir);
        Path entry = root.resolve(key(launcher));
        CacheUse use = CacheUse.open(root);
        try (FileChannel build = FileChannel.open(root.resolve(".build-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            build.lock(); // released as the channel closes
            prune(root, entry, use);
            use.share();
            Path jar = entry.resolve("fsconform.jar");
            Path archive = entry.resolve("fsconform.jsa");
            Launcher plain = new Launcher(launcher.java(), jar, Launcher.FAST_START);
            String how = "cached (" + entry + ")";
            if (Files.isRegularFile(entry.resolve(FAILED))) {
                // Another run uses this entry now; the dump is tried again once none does.
                return new ClassArchive(plain, "not dumped (" + entry.resolve("dump.log") + ")", use);
            }
            if (!Files.isRegularFile(entry.resolve(COMPLETE))) {
                long t0 = System.nanoTime();
                Files.createDirectories(entry);
                Files.copy(launcher.jar(), jar, StandardCopyOption.COPY_ATTRIBUTES);
                if (!dump(launcher, jar, archive, entry, children)) {
                    Files.writeString(entry.resolve(FAILED), RECIPE + "\n");
                    return new ClassArchive(plain, "not dumped (" + entry.resolve("dump.log")
                            + "): the guest loads its classes the slow way", use);
                }
                Files.writeString(entry.resolve(COMPLETE), RECIPE + "\n");
                how = String.format("dumped in %.1f s (%s)", (System.nanoTime() - t0) / 1e9, entry);
            }
            CacheUse.used(entry);
            return new ClassArchive(plain.withArchive(archive), how, use);
        } catch (IOException | RuntimeException e) {
            use.close();
            throw e;
        }
    }

    private static boolean dump(Launcher launcher, Path jar, Path archive, Path entry, Children children) throws IOException {
        Path train = Files.createDirectories(entry.resolve("train"));
        List<List<String>> steps = dumpCommands(launcher.java(), jar, archive, train);
        try {
            Deadline deadline = Deadline.in(DUMP_SECONDS);
            return Exec.run(steps.get(0), entry.resolve("train.log"), deadline, children).ok()
                    && Exec.run(steps.get(1), entry.resolve("dump.log"), deadline, children).ok()
                    && Files.isRegularFile(archive) && Files.size(archive) > 0;
        } catch (EnvFailure f) {
            return false;
        } finally {
            RunDir.deleteTree(train);
        }
    }

    /**
     * How {@code java} dumps {@code archive} for {@code jar} (also what a kernel image runs when it is
     * built): a training run, in the scratch directory {@code train}, lists the classes it loads, and
     * a second JVM dumps them as a static archive. A dynamic one (-XX:ArchiveClassesAtExit) would be
     * one run less, but JDK 17 leaves classes older than Java 6 out of those, and picocli's and
     * jnr-ffi's ASM copy are compiled for Java 5: 190 classes every guest JVM would parse and verify
     * again under emulation.
     */
    static List<List<String>> dumpCommands(Path java, Path jar, Path archive, Path train) {
        Path classes = train.resolve("classes.lst");
        List<String> list = new ArrayList<>(List.of(java.toString()));
        list.addAll(Launcher.FAST_START);
        list.addAll(List.of("-XX:DumpLoadedClassList=" + classes, "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Djava.io.tmpdir=" + train, "-cp", jar.toString(), Launcher.GUEST_MATRIX, "--json-only", "--probe-threads",
                "--only", TRAINING, "--apps", "none", "--out", train.toString(), "--work-dir", train.toString(),
                "--stream-to", train.toString()));
        List<String> dump = new ArrayList<>(List.of(java.toString()));
        dump.addAll(Launcher.FAST_START);
        dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + archive,
                "-Xlog:disable", "-Xlog:all=error:stderr", "-cp", jar.toString()));
        return List.of(list, dump);
    }

    /**
     * Under the build lock: a directory with no mark is what a killed dump left (no run uses it) and
     * goes. When no run holds an entry now, so do the entries beyond the ones used last, and this
     * one if its dump failed, to be tried again.
     */
    private static void prune(Path root, Path entry, CacheUse use) throws IOException {
        List<Path> marked = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                if (Files.isRegularFile(p.resolve(COMPLETE)) || Files.isRegularFile(p.resolve(FAILED))) {
                    marked.add(p);
                } else {
                    RunDir.deleteTree(p);
                }
            }
        }
        boolean retry = Files.isRegularFile(entry.resolve(FAILED));
        marked.remove(entry);
        if (marked.size() < KEEP && !retry) {
            return;
        }
        use.ifAlone(() -> {
            marked.sort(Comparator.comparing(CacheUse::lastUsed).reversed());
            for (Path p : marked.subList(Math.min(KEEP - 1, marked.size()), marked.size())) {
                RunDir.deleteTree(p);
            }
            if (retry) {
                RunDir.deleteTree(entry);
            }
        });
    }

    /** SHA-256 of the jar's bytes, the JDK (its home, release file and libjvm's size and time) and the recipe; 16 hex digits. */
    static String key(Launcher launcher) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(launcher.jar()), md)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            Path home = launcher.java().toRealPath().getParent().getParent();
            md.update(home.toString().getBytes(StandardCharsets.UTF_8));
            Path release = home.resolve("release");
            if (Files.isRegularFile(release)) {
                md.update(Files.readAllBytes(release));
            }
            Path jvm = home.resolve("lib/server/libjvm.so");
            if (Files.isRegularFile(jvm)) {
                md.update((Files.size(jvm) + " " + Files.getLastModifiedTime(jvm).toMillis()).getBytes(StandardCharsets.UTF_8));
            }
            md.update(RECIPE.getBytes(StandardCharsets.UTF_8));
            md.update(String.join(" ", Launcher.FAST_START).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run is over: its guests read the entry no more. */
    @Override
    public void close() throws IOException {
        use.close();
    }
}
