package dev.fsconform.probe;

import dev.fsconform.result.Answer;
import dev.fsconform.result.CellKey;
import dev.fsconform.app.AppJob;
import dev.fsconform.app.AppResult;
import dev.fsconform.app.AppRun;
import dev.fsconform.app.Tracing;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import dev.fsconform.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one real tool's job as a cell of operation {@value CellKey#APP}, scenario = job id. */
final class AppCell {

    /**
     * Jobs at once: each is a chain of process start-ups (interpreters, strace) in its own directory,
     * so on two cores two of them overlap what one leaves idle.
     */
    static final int PARALLEL = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private AppCell() {
    }

    /**
     * Runs every job, {@link #PARALLEL} at a time, each in cell directory c{@code first + i} of the
     * scratch roots; the listener and {@code cells} get them in job order.
     */
    static void runAll(List<AppJob> jobs, int first, Path root, Path root2, Tracing tracing, Probe.CellListener listener,
                       List<Observation> cells) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread t = new Thread(r, "app-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Timed>> done = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                AppJob job = jobs.get(i);
                String cell = Probe.cellName(first + i);
                done.add(pool.submit(() -> {
                    Probe.stopIfShuttingDown();
                    long t0 = System.nanoTime();
                    Observation o = run(job, root.resolve(cell), root2 == null ? null : root2.resolve(cell), tracing);
                    return new Timed(o, System.nanoTime() - t0);
                }));
            }
            for (Future<Timed> f : done) {
                Timed t = f.get();
                listener.cellDone(t.cell(), t.nanos());
                cells.add(t.cell());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("app job failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running the app jobs");
        } finally {
            pool.shutdownNow();
        }
    }

    private record Timed(Observation cell, long nanos) {
    }

    static Observation run(AppJob job, Path dir, Path otherDir, Tracing tracing) {
        String missing = AppRun.unavailable(job);
        if (missing != null) {
            return Observation.notRun(CellKey.APP, job.id(), CellStatus.SKIPPED, missing);
        }
        AppResult r;
        try {
            Files.createDirectories(dir);
            r = AppRun.run(job, dir, otherDir, tracing);
        } catch (AppRun.Unavailable e) {
            return Observation.notRun(CellKey.APP, job.id(), CellStatus.SKIPPED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Observation.notRun(CellKey.APP, job.id(), CellStatus.SETUP_ERROR, "job inputs: " + e);
        }
        Errno errno = r.errnoName() == null ? null : Errno.named(r.errnoName());
        boolean worked = "OK".equals(r.outcome()) || "FALLBACK".equals(r.outcome());
        PostState post = new PostState(r.trace().failedCalls().isEmpty() ? "no call failed" : "failed: " + r.trace().failedCalls().get(0),
                worked ? "end state as promised" : r.problems().isEmpty() ? "tool failed" : "end state wrong", null, r.problems());
        Answer answer = new Answer(r.outcome(), errno == null ? null : errno.number(), r.errnoName(), null, r.detail());
        return Observation.ran(new CellKey(CellKey.APP, job.id()), answer, post, Probe.where(r.source(), r.target(), false),
                Math.round(r.micros() * 10.0) / 10.0, r.trace());
    }
}
