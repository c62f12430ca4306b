package dev.fsconform.report;

import dev.fsconform.result.CellKey;
import dev.fsconform.result.Answer;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.Where;
import dev.fsconform.operation.Operation;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Deterministic synthetic results for page tests and the size/speed benchmark: random cells over
 * real operation and scenario ids (every kind of outcome and status, no structure: the worst case for
 * the page's compact encoding), or copies of the recorded real environments (the realistic case).
 */
final class Synthetic {
    static final Path RECORDED = Path.of("src/test/resources/recorded");
    static final String[] GROUPS = {"host", "overlays", "sandboxes", "containers", "kernels"};
    private static final String[] ERRNOS = {"EXDEV", "EEXIST", "EISDIR", "ENOTDIR", "ENOTEMPTY", "EINVAL", "ENOENT"};

    private Synthetic() {
    }

    static ResultsFile results(int environments, int cellsPerEnvironment, long seed) {
        List<EnvironmentResult> envs = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            envs.add(environment("env-" + e, GROUPS[e % GROUPS.length], cellsPerEnvironment, new Random(seed + e)));
        }
        return ResultsFile.of("fsconform test", "2026-11-27T00:00:00Z", envs);
    }

    /**
     * A realistic merged file: the recorded real environments, cycled, each copy as if from another
     * runner (own name, host, kernel and scratch paths, so messages stay distinct), trimmed to {@code cells}.
     */
    static ResultsFile fromRecorded(int environments, int cells) throws IOException {
        List<EnvironmentResult> recorded = new ArrayList<>();
        try (Stream<Path> files = Files.list(RECORDED)) {
            for (Path f : files.sorted().toList()) {
                recorded.addAll(Inputs.read(f).file().environments());
            }
        }
        List<EnvironmentResult> envs = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            EnvironmentResult base = recorded.get(e % recorded.size());
            String runner = "runner-" + e;
            Fingerprint fp = base.fingerprint();
            Fingerprint moved = new Fingerprint("6." + (e % 19) + ".0-" + runner, fp.arch(), fp.javaVersion(), runner,
                    fp.uid(), fp.capEff(), fp.seccompMode(), fp.seccompFilters(), fp.noNewPrivs(), fp.landlockAbi(),
                    fp.landlockRestricted(), fp.mounts(), fp.labels());
            List<Observation> cellsOf = base.cells().subList(0, Math.min(cells, base.cells().size())).stream()
                    .map(o -> o.detail() == null ? o : o.withDetail(
                            o.detail().replace("/tmp/fsconform-record.", "/tmp/" + runner + "/fsconform-record.")))
                    .toList();
            envs.add(new EnvironmentResult(base.name() + "@" + runner, family(base.name()), base.description(),
                    base.status(), base.reason(), moved, base.durationMillis(), cellsOf));
        }
        return ResultsFile.of("fsconform bench", "2026-11-27T00:00:00Z", envs);
    }

    private static String family(String recordedName) {
        if (recordedName.contains("landlock") || recordedName.startsWith("seccomp")) {
            return "sandboxes";
        }
        return recordedName.contains("overlay") ? "overlays" : "host backends";
    }

    static EnvironmentResult environment(String name, String group, int cells, Random rnd) {
        List<Observation> out = new ArrayList<>();
        List<Scenario> scenarios = Catalogue.scenarios();
        Operation[] ops = Operation.values();
        for (int i = 0; i < cells; i++) {
            Scenario s = scenarios.get((i / ops.length) % scenarios.size());
            Operation op = ops[i % ops.length];
            out.add(cell(op.id(), i < scenarios.size() * ops.length ? s.id() : s.id() + "-" + i, s.crossMount(), rnd));
        }
        return new EnvironmentResult(name, group, "synthetic " + group + " environment", EnvStatus.RAN, null,
                fingerprint(name, rnd), 1000 + rnd.nextInt(9000), out);
    }

    static Observation cell(String op, String scenario, boolean crossMount, Random rnd) {
        int roll = rnd.nextInt(100);
        if (roll < 8) {
            return Observation.notRun(op, scenario, CellStatus.SKIPPED, "needs a second directory on another mount");
        }
        if (roll < 12) {
            return Observation.notRun(op, scenario, CellStatus.NOT_APPLICABLE, "Linux never hard-links a directory");
        }
        Where where = new Where(40 + rnd.nextInt(3), crossMount ? 90 : 40 + rnd.nextInt(3), "0:48", crossMount ? "0:27" : "0:48",
                "overlayfs", crossMount ? "tmpfs" : "overlayfs", rnd.nextBoolean());
        if (roll < 60) {
            return Observation.ran(new CellKey(op, scenario), Answer.of("OK"),
                    new PostState("absent", "file:source", true, List.of()), where, 12.5);
        }
        if (roll < 64) {
            return Observation.ran(new CellKey(op, scenario), Answer.of("COPIED"),
                    new PostState("absent", "dir:source", false, List.of()), where, 80.0);
        }
        if (roll < 65) {
            return Observation.ran(new CellKey(op, scenario), Answer.of("WRONG_STATE"),
                    new PostState("absent", "file:source", true, List.of("target clobbered")), where, 9.0);
        }
        String errno = ERRNOS[rnd.nextInt(ERRNOS.length)];
        String detail = roll < 80 ? null : "/scratch/" + scenario + "/a/src -> /scratch/b/dst: " + errno;
        return Observation.ran(new CellKey(op, scenario), Answer.errno(errno, 18).withDetail(detail),
                new PostState("file:source", "absent", null, List.of()), where, 7.0);
    }

    static Fingerprint fingerprint(String name, Random rnd) {
        MountFacts primary = new MountFacts("primary", "/workspace", 40, "0:48", "/", "overlay", "overlay", "rw,relatime",
                "rw,lowerdir=/l,upperdir=/u,workdir=/w,redirect_dir=" + (rnd.nextBoolean() ? "on" : "off"), "overlayfs");
        MountFacts second = new MountFacts("second", "/dev/shm/y", 90, "0:27", "/dev/shm", "tmpfs", "tmpfs", "rw",
                "rw,size=65536k", "tmpfs");
        return new Fingerprint("6." + rnd.nextInt(19) + ".0", "amd64", "17.0.15", "host-" + name, 0,
                "000001fffeffffff", rnd.nextInt(3), rnd.nextInt(3), rnd.nextBoolean(), 1 + rnd.nextInt(7), null,
                List.of(primary, second), Map.of("runner", "synthetic"));
    }
}
