package dev.fsconform.probe;

import dev.fsconform.app.Tracing;
import dev.fsconform.operation.Attempt;
import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.result.Answer;
import dev.fsconform.result.CellKey;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.result.Where;
import dev.fsconform.scenario.Fixture;
import dev.fsconform.scenario.Scenario;
import dev.fsconform.sys.NativeBootstrap;
import dev.fsconform.sys.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every operation × scenario cell in fresh fixtures under its own scratch directories and
 * returns raw observations. It never knows where it runs: environments bring it to the directory.
 */
public final class Probe {
    private final ProbeConfig config;
    /** Worker threads for the operation × scenario cells; 1 runs them on the calling thread. */
    private final int jobs;

    public Probe(ProbeConfig config) {
        this(config, 1);
    }

    /**
     * With {@code jobs} worker threads for the operation × scenario cells. Each cell has its own cell
     * directory and takes nothing process-wide (no cwd, umask, signal or environment change; buffers
     * are per thread), so cells are independent; results are still emitted and listed in catalogue
     * order. The workers are started by the calling thread, so they inherit its mount namespace,
     * Landlock domain and seccomp filter. Patterns and app cells stay sequential.
     */
    public Probe(ProbeConfig config, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        this.config = config;
        this.jobs = jobs;
    }

    /** Told about each cell as it completes, with the wall time the whole cell took (fixture included). */
    @FunctionalInterface
    public interface CellListener {
        void cellDone(Observation cell, long nanos);

        /** Told once, before the first cell: the environment the cells are measured in. */
        default void started(Fingerprint fingerprint) {
        }
    }

    /** Runs the catalogue; scratch directories are removed whatever happens. */
    public EnvironmentResult run() throws IOException {
        return run((cell, nanos) -> { });
    }

    public EnvironmentResult run(CellListener listener) throws IOException {
        long started = System.nanoTime();
        Map<String, Path> roles = new LinkedHashMap<>();
        roles.put("primary", config.primary());
        if (config.second() != null) {
            roles.put("second", config.second());
        }
        List<Observation> cells = new ArrayList<>();
        Fingerprint fingerprint;
        try (Scratch one = Scratch.create(config.primary()); Scratch two = config.second() == null ? null : Scratch.create(config.second())) {
            NativeBootstrap.prepare(one.dir(), two == null ? null : two.dir());
            fingerprint = FingerprintCollector.collect(roles, config.labels());
            listener.started(fingerprint);
            boolean haveSeeds = Seeds.present(config.seeds());
            Locator locator = new Locator();
            int n = 0;
            try (Posix.Dir scratch = Posix.get().openDir(one.dir());
                 Posix.Dir scratch2 = two == null ? null : Posix.get().openDir(two.dir())) {
                List<Cell> catalogue = new ArrayList<>();
                for (Scenario s : config.scenarios()) {
                    for (Operation op : config.operations()) {
                        String cell = cellName(n++);
                        catalogue.add(() -> {
                            stopIfShuttingDown();
                            long t0 = System.nanoTime();
                            Observation o = runCell(op, s, scratch, scratch2, cell, haveSeeds, locator);
                            return new Timed(o, System.nanoTime() - t0);
                        });
                    }
                }
                if (jobs == 1) {
                    for (Cell c : catalogue) {
                        Timed t = c.call();
                        listener.cellDone(t.cell(), t.nanos());
                        cells.add(t.cell());
                    }
                } else {
                    Parallel.run(catalogue, jobs, t -> {
                        listener.cellDone(t.cell(), t.nanos());
                        cells.add(t.cell());
                    });
                }
            }
            for (Pattern p : config.patterns()) {
                stopIfShuttingDown();
                long t0 = System.nanoTime();
                Observation o = PatternCell.run(p, one.dir().resolve(cellName(n)),
                        two == null ? null : two.dir().resolve(cellName(n)), config.seeds());
                n++;
                listener.cellDone(o, System.nanoTime() - t0);
                cells.add(o);
            }
            if (!config.apps().isEmpty()) {
                Tracing tracing = Tracing.detect(one.dir().resolve("strace-check"));
                AppCell.runAll(config.apps(), n, one.dir(), two == null ? null : two.dir(), tracing, listener, cells);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new EnvironmentResult(config.name(), config.labels().getOrDefault("group", "adhoc"),
                config.labels().getOrDefault("description", "probe of " + config.primary()),
                EnvStatus.RAN, null, fingerprint, millis, cells);
    }

    /** One operation × scenario cell, ready to run. */
    @FunctionalInterface
    interface Cell {
        Timed call() throws IOException;
    }

    /** A cell's observation and the wall time it took, fixture included. */
    record Timed(Observation cell, long nanos) {
    }

    /** "c0042": what String.format("c%04d", n) gives, without parsing a format for every cell. */
    static String cellName(int n) {
        String digits = Integer.toString(n);
        return "c" + "0000".substring(Math.min(4, digits.length())) + digits;
    }

    /** Ctrl-C or SIGTERM: make nothing more in the scratch directory the shutdown hook is removing. */
    static void stopIfShuttingDown() throws IOException {
        if (Scratch.stopping()) {
            throw new IOException("probe stopped: the process is shutting down");
        }
    }

    private Observation runCell(Operation op, Scenario s, Posix.Dir scratch, Posix.Dir scratch2, String cell,
                                boolean haveSeeds, Locator locator) {
        String notRun = Applicability.reasonNotApplicable(op, s);
        if (notRun != null) {
            return Observation.notRun(op.id(), s.id(), CellStatus.NOT_APPLICABLE, notRun);
        }
        String skipped = Applicability.reasonSkipped(op, s, config.second() != null, haveSeeds);
        if (skipped != null) {
            return Observation.notRun(op.id(), s.id(), CellStatus.SKIPPED, skipped);
        }
        CellDirs dirs;
        Fixture f;
        try {
            if (s.seeded()) {
                Path cellRoot = Seeds.cellDir(config.seeds(), s, op);
                dirs = CellDirs.existing(cellRoot);
                f = Fixture.locate(s, cellRoot);
            } else {
                dirs = CellDirs.fresh(scratch, s.crossMount() ? scratch2 : null, cell);
                try {
                    f = Fixture.create(s, dirs.root(), dirs.root2(), s.id() + "/" + op.id(), dirs);
                } catch (IOException | RuntimeException e) {
                    dirs.close();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Observation.notRun(op.id(), s.id(), CellStatus.SETUP_ERROR, "fixture: " + e);
        }
        try (dirs) {
            return measure(op, s, f, dirs, locator);
        }
    }

    private static Observation measure(Operation op, Scenario s, Fixture f, CellDirs dirs, Locator locator) {
        Place source = dirs.place(f.source());
        Place target = dirs.place(f.target());
        Node srcBefore;
        Node dstBefore;
        try {
            srcBefore = Node.read(source);
            dstBefore = Node.read(target);
        } catch (RuntimeException unreadable) {
            if (s.seeded()) {
                return Observation.notRun(op.id(), s.id(), CellStatus.SKIPPED, Seeds.USED);
            }
            throw unreadable;
        }
        if (s.seeded() && !asSeeded(s, Seeds.tag(s, op), srcBefore, dstBefore)) {
            return Observation.notRun(op.id(), s.id(), CellStatus.SKIPPED, Seeds.USED);
        }
        Where where = locator.where(source.parent(), target.parent(), s.seeded());
        long t0 = System.nanoTime();
        Attempt attempt = op.apply(f.source(), f.target());
        long t1 = System.nanoTime();
        Node srcAfter = Node.read(source);
        Node dstAfter = Node.read(target);
        Judge.Verdict v = Judge.judge(op.effect(), attempt, srcBefore, dstBefore, srcAfter, dstAfter);
        Answer answer = new Answer(v.outcome(), attempt.errno() == null ? null : attempt.errno().number(),
                attempt.errno() == null ? null : attempt.errno().name(), attempt.exception(), attempt.detail());
        return Observation.ran(new CellKey(op.id(), s.id()), answer, v.postState(), where, Math.round((t1 - t0) / 100.0) / 10.0);
    }

    /**
     * Whether a seeded fixture is still exactly what the seed tree wrote with {@code tag}. It lives
     * outside the probe's scratch directory and serves one run: a changed one would measure the
     * earlier run's leftovers.
     */
    static boolean asSeeded(Scenario s, String tag, Node source, Node target) {
        return source.holds(s.source(), Fixture.sourceData(tag))
                && (s.target() == null ? !target.exists() : target.holds(s.target(), Fixture.targetData(tag)));
    }

    static Where where(Path a, Path b, boolean seeded) {
        return new Locator().where(Place.of(a), Place.of(b), seeded);
    }
}
