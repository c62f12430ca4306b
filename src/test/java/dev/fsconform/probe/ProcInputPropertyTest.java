package dev.fsconform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.grade.GradedCell;
import dev.fsconform.grade.Grader;
import dev.fsconform.report.Report;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.Where;
import dev.fsconform.sys.FileKind;
import dev.fsconform.sys.Mountinfo;
import dev.fsconform.sys.ProcStatus;
import dev.fsconform.sys.Stat;
import dev.fsconform.testsupport.Recorded;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever /proc/self/mountinfo and /proc/self/status say — recorded tables of the host, Docker,
 * bubblewrap and gVisor, and random mutations of them (ids zero, duplicated or garbled, fields
 * missing, stray lines) — fingerprinting, grading, causes, the console summary and the page never
 * throw, and what could not be seen is "unknown", never null.
 */
class ProcInputPropertyTest {
    private static final List<String> TABLES = List.of("host-debian12", "gvisor-runsc-do", "gvisor-docker-runsc",
            "gvisor-docker-runsc-volume-tmpfs", "docker-runc-volume-tmpfs", "bwrap-tmpfs-tmp");
    private static final List<String> STATUSES = List.of("host-debian12", "gvisor-runsc-do", "gvisor-docker-runsc",
            "docker-runc");
    private static final List<String> ENVS = List.of("host", "bind-mounts", "btrfs-subvolume", "overlay-off",
            "fuse-overlayfs", "landlock-no-refer", "seccomp-renameat2-enosys");

    /** What a mutated run looks like from inside: the tables, what stat and statfs said, the cells. */
    record Input(List<String> mountinfo, List<String> status, List<StatSeen> stats, String env, int whereMode) {
    }

    record StatSeen(long mountId, String dev, String path, String statfsType) {
    }

    @Property(tries = 200)
    void noMountTableOrStatusFileMakesFingerprintingOrGradingThrow(@ForAll("inputs") Input in) {
        // GIVEN a mount table and a status file as some sandbox wrote them
        Mountinfo mi = Mountinfo.parse(in.mountinfo());
        ProcStatus status = ProcStatus.parse(in.status());

        // WHEN the probe fingerprints its directories from them, and recorded cells are graded under it
        List<MountFacts> mounts = new ArrayList<>();
        for (int i = 0; i < in.stats().size(); i++) {
            StatSeen s = in.stats().get(i);
            mounts.add(FingerprintCollector.mountOf(i == 0 ? "primary" : "second", Path.of(s.path()),
                    new Stat(FileKind.DIR, s.dev(), 1, 1, s.mountId()), s.statfsType(), mi));
        }
        Fingerprint fp = FingerprintCollector.build(status, mounts, Map.of(), -38);
        EnvironmentResult env = withWhere(Recorded.env(in.env()), fp, in.stats(), in.whereMode());
        List<GradedCell> graded = Grader.standard().gradeAll(env);
        EnvironmentVerdict verdict = Verdicts.of(env);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ConsoleSummary.print(List.of(verdict), new PrintStream(text, true, StandardCharsets.UTF_8));

        // THEN nothing threw, every cell that ran is graded with causes where needed, and nothing is null
        assertThat(graded).hasSameSizeAs(env.cells());
        assertThat(mounts).allSatisfy(m -> assertThat(List.of(m.fsType(), m.mountPoint(), m.source(), m.dev(),
                m.mountOptions(), m.superOptions(), m.statfsType())).doesNotContainNull());
        assertThat(fp.capEff()).isNotNull();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains(env.name()).doesNotContain("null at null");
    }

    @Property(tries = 20)
    void thePageRendersWhateverTheMountTableSaid(@ForAll("inputs") Input in) {
        // GIVEN a fingerprint built from a mutated table
        Mountinfo mi = Mountinfo.parse(in.mountinfo());
        List<MountFacts> mounts = List.of(FingerprintCollector.mountOf("primary", Path.of(in.stats().get(0).path()),
                new Stat(FileKind.DIR, in.stats().get(0).dev(), 1, 1, in.stats().get(0).mountId()),
                in.stats().get(0).statfsType(), mi));
        EnvironmentResult env = withWhere(Recorded.env(in.env()),
                FingerprintCollector.build(ProcStatus.parse(in.status()), mounts, Map.of(), 7), in.stats(), in.whereMode());

        // WHEN the page is rendered
        ResultsFile file = new ResultsFile(Recorded.file(in.env()).schema(), Recorded.file(in.env()).schemaVersion(),
                Recorded.file(in.env()).tool(), Recorded.file(in.env()).generatedAt(), List.of(env));
        String html = Report.html(file, List.of(Verdicts.of(env)));

        // THEN it has the environment and no unescaped mount text
        assertThat(html).contains(env.name()).doesNotContain("<script>alert");
    }

    /** The recorded cells with the mutated fingerprint, and their Where ids as the mutated stat saw them. */
    private static EnvironmentResult withWhere(EnvironmentResult env, Fingerprint fp, List<StatSeen> stats, int mode) {
        List<Observation> cells = new ArrayList<>();
        for (Observation o : env.cells()) {
            Where w = o.where();
            if (w != null && mode > 0) {
                long a = mode == 1 ? 0 : stats.get(0).mountId();
                long b = mode == 1 ? 0 : mode == 2 ? a : stats.get(stats.size() - 1).mountId();
                String devB = mode == 3 ? null : w.targetDev();
                w = new Where(a, b, w.sourceDev(), devB, w.sourceFs(), w.targetFs(), w.seeded());
            }
            cells.add(o.withWhere(w));
        }
        return new EnvironmentResult(env.name(), env.group(), env.description(), env.status(), env.reason(), fp,
                env.durationMillis(), cells);
    }

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<List<String>> tables = Arbitraries.oneOf(
                Arbitraries.of(TABLES).map(ProcInputPropertyTest::recordedTable),
                Arbitraries.of(TABLES).map(ProcInputPropertyTest::recordedTable).flatMap(ProcInputPropertyTest::mutated),
                randomLines().list().ofMaxSize(30));
        Arbitrary<List<String>> statuses = Arbitraries.oneOf(
                Arbitraries.of(STATUSES).map(ProcInputPropertyTest::recordedStatus),
                Arbitraries.of(STATUSES).map(ProcInputPropertyTest::recordedStatus).flatMap(ProcInputPropertyTest::mutated),
                randomLines().list().ofMaxSize(20));
        Arbitrary<StatSeen> stat = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(-1, 200)),
                Arbitraries.oneOf(Arbitraries.of("0:19", "0:30", "254:0", "0:41", "", "garbage"), Arbitraries.just((String) null)),
                Arbitraries.of("/", "/tmp", "/tmp/x", "/vol/a b", "/workspace", "relative/dir", "/proc/self/x"),
                Arbitraries.oneOf(Arbitraries.of("overlayfs", "tmpfs", "btrfs", "fuse", "ext4", "9p", "unknown"),
                        Arbitraries.just((String) null)))
                .as(StatSeen::new);
        return Combinators.combine(tables, statuses, stat.list().ofMinSize(1).ofMaxSize(2), Arbitraries.of(ENVS),
                Arbitraries.integers().between(0, 3)).as(Input::new);
    }

    private static Arbitrary<String> randomLines() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of("-", "0", "18", "0:0", "/", "/tmp", "overlay",
                        "none", "rw", "\\040", "\\", "Uid:", "CapEff:", "Seccomp:", "NoNewPrivs:", "ffffffffffffffffff",
                        "<script>alert(1)</script>", "\t"),
                Arbitraries.strings().ofMaxLength(12));
        return token.list().ofMaxSize(14).map(t -> String.join(" ", t));
    }

    /** Drops, duplicates, zeroes or garbles fields and lines of a recorded file. */
    private static Arbitrary<List<String>> mutated(List<String> lines) {
        Arbitrary<Integer> op = Arbitraries.integers().between(0, 5);
        return op.list().ofSize(Math.max(1, lines.size())).map(ops -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                String[] f = l.split(" ");
                switch (ops.get(i)) {
                    case 0 -> out.add(l);
                    case 1 -> out.add(l.replaceFirst("^\\d+ \\d+", "0 0"));
                    case 2 -> out.add(l.replaceFirst(" - .*$", ""));
                    case 3 -> {
                        out.add(l);
                        out.add(l);
                    }
                    case 4 -> out.add(String.join(" ", java.util.Arrays.copyOf(f, Math.max(0, f.length / 2))));
                    default -> { }
                }
            }
            return out;
        });
    }

    private static List<String> recordedTable(String name) {
        return resource("/dev/fsconform/sys/mountinfo/" + name + ".txt");
    }

    private static List<String> recordedStatus(String name) {
        return resource("/dev/fsconform/sys/status/" + name + ".txt");
    }

    private static List<String> resource(String name) {
        try (InputStream in = ProcInputPropertyTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
