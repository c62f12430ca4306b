package dev.fsconform.junit;

import dev.fsconform.result.CellKey;
import dev.fsconform.verdict.CellLabel;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.grade.Grader;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.validate.Profile;
import dev.fsconform.verdict.Verdicts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The tests of one probed directory, made as the probe's cells arrive: one per cell the profile
 * judges, named {@code OPERATION × SCENARIO [DIR]}. A cell is graded with the fingerprint and the
 * cells before it (grades need nothing else); when the results file arrives, every reported verdict
 * is checked against the grading of the whole run, and any difference fails a test of its own.
 */
final class DirectoryTests implements Iterator<DynamicTest> {

    private final LiveRun run;
    private final String env;
    private final String dir;
    private final Settings settings;
    private final List<Observation> seen = new ArrayList<>();
    private final Map<CellKey, Boolean> reported = new LinkedHashMap<>();
    private final Deque<DynamicTest> ready = new ArrayDeque<>();
    private Fingerprint fingerprint;
    private boolean ended;

    /** What every directory's tests share. */
    record Settings(Profile profile, CellFilter filter, Declared declared) {
    }

    DirectoryTests(LiveRun run, String dir, Settings settings) {
        this.run = run;
        this.env = Names.environment(dir);
        this.dir = dir;
        this.settings = settings;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !ended) {
            take(run.next());
        }
        return !ready.isEmpty();
    }

    @Override
    public DynamicTest next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void take(LiveRun.Event e) {
        if (e == null) {
            fail(env + ": the sandbox's probe did not finish within the time limit; it was stopped after " + seen.size() + " cells");
        } else if (e instanceof LiveRun.Started s && s.env().equals(env)) {
            fingerprint = s.fingerprint();
        } else if (e instanceof LiveRun.Cell c && c.env().equals(env)) {
            cell(c.cell());
        } else if (e instanceof LiveRun.Finished f && f.env().name().equals(env)) {
            finished(f.env());
        } else if (e instanceof LiveRun.Done d) {
            fail(env + " did not run: " + (d.failure() != null ? d.failure().getMessage() : "the run ended before this directory"));
        }
    }

    private void cell(Observation o) {
        seen.add(o);
        if (o.status() == CellStatus.NOT_APPLICABLE || !settings.filter().selects(o)) {
            return;
        }
        EnvironmentResult sofar = new EnvironmentResult(env, "sandbox", "", EnvStatus.RAN, null, fingerprint, 0, seen);
        GradedCell g = Grader.standard().grade(sofar, o);
        Profile profile = settings.profile();
        if (!profile.judges(g)) {
            return;
        }
        String name = Names.cell(o, dir);
        if (!o.ran()) {
            ready.add(DynamicTest.dynamicTest(name, () -> Assumptions.abort(o.status() + ": " + o.reason())));
            return;
        }
        boolean violated = profile.violatedBy(g);
        reported.put(o.cell(), violated);
        if (!violated) {
            ready.add(DynamicTest.dynamicTest(name, () -> { }));
            return;
        }
        var declared = settings.declared().covering(o);
        if (declared.isPresent()) {
            String why = declared.get().rationale();
            ready.add(DynamicTest.dynamicTest(name, () -> System.out.println("fsconform: " + name + " → " + Explain.outcome(o)
                    + " is declared: " + why)));
            return;
        }
        List<String> expected = profile == Profile.POSIX_LOCAL
                ? Grader.standard().outcomesGraded(sofar, o, Grade.passing()) : List.of();
        String message = Explain.cell(name, g, profile, expected);
        ready.add(DynamicTest.dynamicTest(name, () -> Assertions.fail(message)));
    }

    private void finished(EnvironmentResult result) {
        ended = true;
        if (result.status() != EnvStatus.RAN) {
            fail(env + (seen.isEmpty() ? " did not run: " : ": the probe stopped after " + seen.size() + " cells: ") + result.reason());
            return;
        }
        List<String> differ = Verdicts.of(result).cells().stream()
                .filter(c -> reported.containsKey(c.observation().cell()))
                .filter(c -> reported.get(c.observation().cell()) != settings.profile().violatedBy(c))
                .map(c -> CellLabel.of(c.observation())).collect(Collectors.toList());
        if (!differ.isEmpty() || result.cells().size() != seen.size()) {
            fail(env + ": the results file disagrees with the cells streamed during the run (" + seen.size() + " streamed, "
                    + result.cells().size() + " in the file; verdict differs for " + differ + ")");
        }
    }

    private void fail(String message) {
        ended = true;
        ready.add(DynamicTest.dynamicTest(env, () -> Assertions.fail(message)));
    }
}
