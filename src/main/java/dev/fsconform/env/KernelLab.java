package dev.fsconform.env;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The kernel axis: for each chosen kernel of matrix/kernels.yaml, get its image (cache or build),
 * boot it and run its host-lab environments inside. Several kernels boot at once ({@link #jobs});
 * images are still fetched one at a time. Whatever goes wrong with one kernel becomes its rows'
 * status and reason; the others still run. Clean-up is the host lab's: a marked run directory that
 * the next run reaps (with any QEMU naming it), and enclaves that die with this JVM.
 */
public final class KernelLab {
    /**
     * @param kernels "all", or comma-separated names of matrix/kernels.yaml
     * @param keep    where each kernel's console log, exit status and guest summary are kept
     * @param image   makes the image launcher (null: no container code here)
     * @param builder makes the image builder, build-kernel.sh in a kernel-tools container (null: no container code here)
     */
    public record Options(Path runRoot, String kernels, String only, Path keep, Launcher launcher, KernelLauncher.Factory image,
                          KernelBuilder.Factory builder) {
    }

    public record Report(String vm, List<EnvironmentResult> results, List<String> reaped) {
    }

    static final String LAUNCHER_PROPERTY = "fsconform.kernels.launcher";
    static final String BUILDER_PROPERTY = "fsconform.kernels.builder";
    static final String JOBS_PROPERTY = "fsconform.kernels.jobs";
    private static final int MAX_JOBS = 16;
    /** What building a kernel (build-kernel.sh) needs on the host (the host builder); the host's QEMU comes on top. */
    static final List<Tool> BUILD_TOOLS = List.of(Tool.BUSYBOX, Tool.DEPMOD, Tool.DPKG_DEB, Tool.APT_GET, Tool.XZ, Tool.ZSTD);

    private KernelLab() {
    }

    /** Whether --kernels names no kernel at all: then the kernel catalogue need not even be read. */
    public static boolean none(String spec) {
        return spec == null || spec.isBlank() || spec.equals("none");
    }

    /** The kernels --kernels names, checked against the catalogue: an unknown name is bad input. */
    public static List<String> select(KernelCatalog catalog, String spec) {
        if (none(spec)) {
            return List.of();
        }
        if (spec.equals("all")) {
            return catalog.names();
        }
        if (spec.equals("ci")) {
            return catalog.ciNames();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String n : spec.split(",")) {
            String name = n.strip();
            if (!catalog.names().contains(name)) {
                throw new InvalidEnvironmentsException("--kernels: no kernel '" + name + "' in " + catalog.origin()
                        + " (known: " + String.join(", ", catalog.names()) + ", or all, ci, none)");
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    /**
     * The kernel axis's -D settings (guests at once, launcher, builder) checked before anything runs:
     * a bad value found only when the kernels' turn comes would lose the host lab's and the
     * containers' rows measured before it.
     */
    public static void checkSettings(boolean containerCode) {
        jobs();
        launcher(containerCode);
        builder(containerCode, true);
    }

    /** The environments each chosen kernel runs, as row names ({@code tmpfs@kernel-6.1}), after --only. */
    public static List<String> rowNames(KernelCatalog kernels, EnvironmentCatalog envs, List<String> chosen, String only) {
        List<String> out = new ArrayList<>();
        for (Kernel k : kernels.kernels()) {
            if (chosen.contains(k.name())) {
                environments(k, envs, only).forEach(e -> out.add(e.name() + "@" + k.axis()));
            }
        }
        return out;
    }

    /** A kernel's environments in catalogue order; --only matches the plain name, the group or the row name. */
    static List<Environment> environments(Kernel k, EnvironmentCatalog envs, String only) {
        Selection wanted = new Selection(String.join(",", k.environments()));
        Selection picked = new Selection(only);
        return envs.environments().stream().filter(wanted::matches)
                .filter(e -> picked.matches(e) || picked.matchesName(e.name() + "@" + k.axis())).toList();
    }

    public static Report run(KernelCatalog kernels, EnvironmentCatalog envs, Options o, Consumer<String> progress)
            throws IOException {
        kernels.check(envs);
        List<String> chosen = select(kernels, o.kernels());
        List<Kernel> todo = kernels.kernels().stream().filter(k -> chosen.contains(k.name()))
                .filter(k -> !environments(k, envs, o.only()).isEmpty()).toList();
        int jobs = Math.max(1, Math.min(jobs(), todo.size()));
        String choice = launcher(o.image() != null);
        String hostLacks = Tool.missing(BUILD_TOOLS);
        String building = builder(o.builder() != null, hostLacks == null);
        Qemu qemu = Qemu.detect(jobs);
        Children children = new Children();
        RunDir runDir = RunDir.create(o.runRoot());
        List<String> reaped = Reaper.reap(Set.of(o.runRoot()), runDir.dir().resolve("reaper.log"), children);
        reaped.forEach(r -> progress.accept("reaper: " + r));
        Thread hook = new Thread(() -> abandon(children, runDir), "fsconform-kernel-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> new Thread(r, "fsconform-kernel-" + threads.incrementAndGet()));
        Setups setups = new Setups(() -> choice.equals(KernelLauncher.HOST) ? new HostQemu(o.launcher(), runDir.dir(), children)
                : o.image().open());
        try (KernelBoard board = new KernelBoard(15)) {
            String missing = Tool.missing(Stream.concat(choice.equals(KernelLauncher.HOST) ? Stream.of(Tool.QEMU) : Stream.empty(),
                    building.equals(KernelBuilder.HOST) ? BUILD_TOOLS.stream() : Stream.empty()).toList());
            setups.open(runDir.dir(), builders(building, o.builder(), hostLacks, children));
            Axis axis = new Axis(envs, o, qemu, missing, setups, board, runDir.dir());
            List<Future<List<EnvironmentResult>>> rows = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                Kernel k = todo.get(i);
                KernelStatus status = new KernelStatus(i + 1, todo.size(), k.name(), progress);
                rows.add(pool.submit(() -> axis.run(k, status)));
            }
            return new Report(qemu.describe(), join(rows), reaped);
        } finally {
            pool.shutdownNow();
            setups.close();
            runDir.delete();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or ran.
            }
        }
    }

    /**
     * How many kernels boot at once: {@code -Dfsconform.kernels.jobs=N}, by default one per core
     * while their memory fits in half of the host's ({@link Qemu#guestsThatFit}). Guests at once share
     * the cores: each gets fewer vCPUs ({@link Qemu#detect}), and no core idles while a guest boots or
     * starts its JVM: on two cores the four kernels' core set took 445 s two at a time and 492 s one
     * after another (docs/performance.md), though each guest's first cell comes later.
     */
    static int jobs() {
        String set = System.getProperty(JOBS_PROPERTY, "").strip();
        if (set.isEmpty()) {
            return Qemu.guestsThatFit(Runtime.getRuntime().availableProcessors(), Qemu.hostMemoryMb());
        }
        try {
            int n = Integer.parseInt(set);
            if (n >= 1 && n <= MAX_JOBS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value given.
        }
        throw new InvalidEnvironmentsException("-D" + JOBS_PROPERTY + " must be a whole number from 1 to " + MAX_JOBS
                + " (got '" + set + "')");
    }

    /**
     * Every kernel's rows in catalogue order once all are done. A kernel's failure to run is its rows'
     * status; what escapes one (an I/O error, a bug) is thrown after the others finished.
     */
    static <T> List<T> join(List<Future<List<T>>> futures) throws IOException {
        List<T> out = new ArrayList<>();
        Throwable first = null;
        for (Future<List<T>> f : futures) {
            try {
                out.addAll(f.get());
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new InterruptedIOException("interrupted while kernel guests ran");
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IOException(first);
        }
        return out;
    }

    /** What every kernel's run reads, and the parts they share. */
    private record Axis(EnvironmentCatalog envs, Options o, Qemu qemu, String missing, Setups setups, KernelBoard board,
                        Path runDir) {
        /** One kernel: its image, one boot, its rows; whatever keeps it from running is its rows' status and reason. */
        List<EnvironmentResult> run(Kernel k, KernelStatus status) throws IOException {
            List<Environment> chosen = environments(k, envs, o.only());
            board.start(status, "fetching");
            long t0 = System.nanoTime();
            try {
                if (missing != null) {
                    throw EnvFailure.skipped("the kernel axis " + missing);
                }
                Path dir = Files.createDirectories(runDir.resolve(k.axis()));
                Ready ready = setups.ready(k, dir, status);
                return KernelGuest.run(k, ready.image(), chosen, new KernelGuest.Setup(dir, o.keep().resolve(k.axis()),
                        ready.launcher(), ready.guest(), envs.text(), qemu), status);
            } catch (EnvFailure f) {
                long millis = (System.nanoTime() - t0) / 1_000_000;
                return chosen.stream().map(e -> EnvironmentResult.notRun(e.name() + "@" + k.axis(), e.group(),
                        e.description() + " (kernel " + k.name() + ")", f.status(), f.getMessage(), millis)).toList();
            } finally {
                board.finish(status, String.format("done in %.0f s", (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    private record Ready(KernelImage image, KernelLauncher launcher, KernelLauncher.Guest guest) {
    }

    /**
     * What the kernels share, readied for one kernel at a time: the image cache (one package download
     * and one builder at work, whatever the suites), the launcher, made for the first kernel that gets
     * that far, and its preparation of each guest. Only the boots overlap.
     */
    private static final class Setups implements AutoCloseable {
        private final KernelLauncher.Factory launchers;
        private volatile KernelStatus current;
        private KernelImages images;
        private KernelLauncher launcher;

        Setups(KernelLauncher.Factory launchers) {
            this.launchers = launchers;
        }

        /** The image cache; the builder's own progress (an image build, say) goes to the kernel it works for. */
        synchronized void open(Path workDir, KernelBuilder.Factory builders) throws IOException {
            images = KernelImages.open(workDir, builders, line -> {
                KernelStatus s = current;
                if (s != null) {
                    s.set(line);
                }
            });
        }

        synchronized Ready ready(Kernel k, Path dir, KernelStatus status) throws IOException, EnvFailure {
            current = status;
            KernelImage image = images.ensure(k, dir, status::set);
            status.set("image " + image.how() + ": " + image.release() + " (" + image.dir() + ")");
            if (launcher == null) {
                launcher = launchers.open();
            }
            return new Ready(image, launcher, launcher.prepare(k.name(), image.dir(), status::set));
        }

        @Override
        public synchronized void close() {
            if (launcher != null) {
                launcher.close();
            }
            if (images != null) {
                images.close();
            }
        }
    }

    /**
     * Which launcher boots the guests: {@code -Dfsconform.kernels.launcher=host|image}, else the host's
     * QEMU where the host has it (no image build, and the guest runs the very JDK and tools of the
     * host, as the host lab does), else the kernel image where a container engine can build one.
     */
    static String launcher(boolean imageAvailable) {
        String forced = System.getProperty(LAUNCHER_PROPERTY, "").strip();
        if (forced.equals(KernelLauncher.HOST) || forced.equals(KernelLauncher.IMAGE) && imageAvailable) {
            return forced;
        }
        if (forced.equals(KernelLauncher.IMAGE)) {
            throw new InvalidEnvironmentsException("-D" + LAUNCHER_PROPERTY + "=image: this fsconform has no container engine code");
        }
        if (!forced.isEmpty()) {
            throw new InvalidEnvironmentsException("-D" + LAUNCHER_PROPERTY + " must be host or image (got '" + forced + "')");
        }
        return Tool.QEMU.locate().isPresent() || !imageAvailable ? KernelLauncher.HOST : KernelLauncher.IMAGE;
    }

    /**
     * Which builder fetches and builds the kernels: {@code -Dfsconform.kernels.builder=host|image}, else
     * the host's tools where it has them all (no image to build or find, and no engine needed), else the
     * kernel-tools image where there is container code (whether an engine answers shows when the first
     * kernel needs building), else the host's, whose rows then name the tool that is missing.
     */
    static String builder(boolean imageAvailable, boolean hostHasTools) {
        String forced = System.getProperty(BUILDER_PROPERTY, "").strip();
        if (forced.equals(KernelBuilder.HOST) || forced.equals(KernelBuilder.IMAGE) && imageAvailable) {
            return forced;
        }
        if (forced.equals(KernelBuilder.IMAGE)) {
            throw new InvalidEnvironmentsException("-D" + BUILDER_PROPERTY + "=image: this fsconform has no container engine code");
        }
        if (!forced.isEmpty()) {
            throw new InvalidEnvironmentsException("-D" + BUILDER_PROPERTY + " must be host or image (got '" + forced + "')");
        }
        return hostHasTools || !imageAvailable ? KernelBuilder.HOST : KernelBuilder.IMAGE;
    }

    /**
     * The chosen builder's factory. The image builder chosen because the host lacks a tool says both
     * when no engine answers either: what to install for the one way or the other.
     */
    private static KernelBuilder.Factory builders(String building, KernelBuilder.Factory image, String hostLacks, Children children) {
        if (building.equals(KernelBuilder.HOST)) {
            return (scripts, root, progress) -> new HostBuilder(scripts, children);
        }
        boolean forced = !System.getProperty(BUILDER_PROPERTY, "").isBlank();
        return (scripts, root, progress) -> {
            try {
                return image.open(scripts, root, progress);
            } catch (EnvFailure f) {
                if (forced || hostLacks == null) {
                    throw f;
                }
                String why = "the kernel axis " + hostLacks + " on the host, or a kernel builder image: " + f.getMessage();
                throw f.status() == EnvStatus.SKIPPED ? EnvFailure.skipped(why) : EnvFailure.setupError(why);
            }
        };
    }

    /** Ctrl-C or SIGTERM: kill the guest (its enclave takes QEMU along), wait for it to go, remove the files. */
    private static void abandon(Children children, RunDir runDir) {
        children.killAll();
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                runDir.delete();
                return;
            } catch (IOException e) {
                // QEMU may still be closing its files: try again; the next run's reaper removes what is left.
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
