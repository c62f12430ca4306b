package dev.fsconform.probe;

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

/** Runs one real tool's job as a cell of operation {@value CellKey#APP}, scenario = job id. */
final class AppCell {

    private AppCell() {
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
        return new Observation(CellKey.APP, job.id(), CellStatus.RAN, null, r.outcome(),
                errno == null ? null : errno.number(), r.errnoName(), null, r.detail(), post,
                Probe.where(r.source(), r.target(), false), Math.round(r.micros() * 10.0) / 10.0, r.trace());
    }
}
