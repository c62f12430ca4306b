package dev.fsconform.probe;

import dev.fsconform.result.Answer;
import dev.fsconform.result.CellKey;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.pattern.PatternContext;
import dev.fsconform.pattern.PatternResult;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs one application pattern as a cell of operation {@value CellKey#PATTERN}, scenario = pattern id. */
final class PatternCell {

    private PatternCell() {
    }

    static Observation run(Pattern p, Path dir, Path otherDir, Path seedRoot) {
        Path seeded = null;
        if (p.needsSeed()) {
            if (!Seeds.present(seedRoot)) {
                return Observation.notRun(CellKey.PATTERN, p.id(), CellStatus.SKIPPED,
                        "no seed tree: run `fsconform seed DIR` into a lower layer or image first");
            }
            seeded = Seeds.patternDir(seedRoot, p);
            if (!Seeds.patternAsWritten(seeded)) {
                return Observation.notRun(CellKey.PATTERN, p.id(), CellStatus.SKIPPED, Seeds.USED);
            }
        }
        PatternResult r;
        long t0;
        long t1;
        try {
            Files.createDirectories(dir);
            if (otherDir != null) {
                Files.createDirectories(otherDir);
            }
            t0 = System.nanoTime();
            r = p.run(new PatternContext(dir, otherDir, seeded));
            t1 = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            return Observation.notRun(CellKey.PATTERN, p.id(), CellStatus.SETUP_ERROR, "fixture: " + e);
        }
        boolean published = "OK".equals(r.outcome()) || "FALLBACK".equals(r.outcome());
        List<String> problems = "WRONG_STATE".equals(r.outcome()) ? List.of("final state wrong: " + r.log()) : List.of();
        PostState post = new PostState(r.failedCall() == null ? "no call failed" : "failed: " + r.failedCall(),
                published ? "published" : "not published", null, problems);
        Answer answer = new Answer(r.outcome(), r.errno() == null ? null : r.errno().number(),
                r.errno() == null ? null : r.errno().name(), null, r.log());
        return Observation.ran(new CellKey(CellKey.PATTERN, p.id()), answer, post, Probe.where(r.source(), r.target(), p.needsSeed()),
                Math.round((t1 - t0) / 100.0) / 10.0);
    }
}
