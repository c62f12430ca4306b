package dev.fsconform.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.AppTrace;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.testsupport.TestLab;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Tools;
import dev.fsconform.verdict.Verdicts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real tools in the host lab's sandboxes, as the probe runs them: the tools come from the machine
 * (.ci/run installs them), so a job that could not run here fails the test instead of passing it.
 */
class AppsIT {
    /** Cheap jobs that between them copy (mv, shutil.move), fail (os.replace) and work (git, tar). */
    private static final List<String> QUICK = List.of("--apps", "git,mv,tar-extract,python-shutil-move,python-os-replace");

    @Test
    void withoutReferOsReplaceFailsWithTheTracedCallAndMvCopiesAndWithReferBothWork() throws Exception {
        try (TestLab lab = TestLab.open()) {
            // GIVEN the same jobs under Landlock without REFER and with it
            EnvironmentVerdict noRefer = Verdicts.of(lab.probe("apps-no-refer", lab.dir("a"), null, QUICK,
                    lab.sandbox("--landlock", "no-refer")));
            EnvironmentVerdict refer = Verdicts.of(lab.probe("apps-refer", lab.dir("b"), null, QUICK,
                    lab.sandbox("--landlock", "refer")));
            save("landlock", noRefer, refer);
            ranAll(noRefer);
            ranAll(refer);

            // THEN without REFER os.replace fails with EXDEV, its trace names the call, and Landlock is the cause
            GradedCell replace = Findings.cell(noRefer, "app", "python-os-replace");
            assertThat(replace.observation().outcome()).isEqualTo("EXDEV");
            assertThat(replace.grade()).isEqualTo(Grade.SURPRISING);
            assertThat(Findings.causeIds(replace)).containsExactly(Causes.LANDLOCK_REFER.id());
            assertThat(replace.observation().detail()).contains("rename(staging/config.new, etc/config) = -1 EXDEV", "gave up");
            assertThat(replace.observation().app().failedCalls()).contains("rename(staging/config.new, etc/config) = -1 EXDEV");
            // AND mv and shutil.move work by copying, which the trace shows and the grade accepts
            for (String copier : List.of("mv", "python-shutil-move")) {
                GradedCell c = Findings.cell(noRefer, "app", copier);
                assertThat(c.observation().outcome()).as(copier).isEqualTo("FALLBACK");
                assertThat(c.observation().errnoName()).as(copier).isEqualTo("EXDEV");
                assertThat(c.observation().app().fallback()).as(copier).startsWith("copied");
                assertThat(c.grade()).as(copier).isEqualTo(Grade.ACCEPTABLE);
                assertThat(Findings.causeIds(c)).as(copier).containsExactly(Causes.LANDLOCK_REFER.id());
            }
            // AND git, whose renames stay within one directory, works either way
            assertThat(Findings.cell(noRefer, "app", "git").grade()).isEqualTo(Grade.EXPECTED);
            // AND with REFER granted every job works without a fallback
            assertThat(refer.cells()).filteredOn(c -> "app".equals(c.observation().operation()))
                    .allSatisfy(c -> assertThat(c.grade()).as(Findings.line(c)).isEqualTo(Grade.EXPECTED));
            // AND the tools' sentence says it in one line
            assertThat(Tools.sentence(noRefer)).contains("mv and python-shutil-move work by copying",
                    "python-os-replace fails: rename EXDEV (landlock-refer)");
            assertThat(Findings.unknown(noRefer)).isEmpty();
        }
    }

    @Test
    void underASeccompFilterAndAcrossBindMountsTheToolsFallBackForTheRightReason() throws Exception {
        try (TestLab lab = TestLab.open()) {
            // GIVEN renameat2 answered with ENOSYS by a seccomp filter, and two bind mounts of one directory
            EnvironmentVerdict seccomp = Verdicts.of(lab.probe("apps-seccomp", lab.dir("s"), null, List.of("--apps", "mv"),
                    lab.sandbox("--seccomp", "renameat2-enosys")));
            Path shared = lab.dir("shared");
            Path one = lab.dir("one");
            Path two = lab.dir("two");
            lab.bind(shared, one);
            lab.bind(shared, two);
            EnvironmentVerdict bind = Verdicts.of(lab.probe("apps-bind-pair", one, two, List.of("--apps", "mv,git")));
            save("seccomp-bind", seccomp, bind);
            ranAll(seccomp);
            ranAll(bind);

            // THEN mv retries with plain rename after ENOSYS, and seccomp is named
            GradedCell mv = Findings.cell(seccomp, "app", "mv");
            assertThat(mv.observation().outcome()).isEqualTo("FALLBACK");
            assertThat(mv.observation().errnoName()).isEqualTo("ENOSYS");
            assertThat(mv.observation().app().fallback()).startsWith("retried: rename");
            assertThat(Findings.causeIds(mv)).containsExactly(Causes.SECCOMP.id());
            // AND across two bind mounts mv copies, and the mount boundary is the cause
            GradedCell across = Findings.cell(bind, "app", "mv");
            assertThat(across.observation().outcome()).isEqualTo("FALLBACK");
            assertThat(Findings.causeIds(across)).containsExactly(Causes.MOUNT_BOUNDARY.id());
            assertThat(Findings.cell(bind, "app", "git").grade()).isEqualTo(Grade.EXPECTED);
        }
    }

    @Test
    void theSeedReportsSandboxShowsWhichRealToolsFailNextToUvsPattern() throws Exception {
        try (TestLab lab = TestLab.open()) {
            // GIVEN the seed report's sandbox: an overlay over an image layer, the probe under Landlock without REFER
            EnvironmentVerdict v = Verdicts.of(lab.probe("openshell-1467-apps", lab.overlay("sandbox", ""), null,
                    List.of("--apps", "all"), lab.sandbox("--landlock", "no-refer")));
            save("seed-apps", v);
            ranAll(v);

            // THEN uv's pattern fails, and so do real tools, each for the same cause
            assertThat(Findings.cell(v, "pattern", "uv-cache-persist").observation().outcome()).isEqualTo("EXDEV");
            List<GradedCell> broken = v.cells().stream().filter(c -> "app".equals(c.observation().operation()))
                    .filter(c -> c.graded() && c.grade() != Grade.EXPECTED).toList();
            assertThat(broken).extracting(c -> c.observation().scenario()).contains("npm", "pip-install", "python-os-replace");
            assertThat(broken).allSatisfy(c -> assertThat(Findings.causeIds(c)).as(Findings.line(c)).containsExactly(Causes.LANDLOCK_REFER.id()));
            assertThat(Findings.unknown(v)).isEmpty();
        }
    }

    @Test
    void inBubblewrapAndFirejailTheHostsToolsRunAndFirejailsHiddenStraceIsNamed() throws Exception {
        // GIVEN the host lab's two sandbox-tool environments with every job (not their default: the matrix stays quick)
        Path out = Path.of("target", "apps-report", "sandbox-tools");
        Files.createDirectories(out);
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                System.getProperty("fsconform.jar", "target/fsconform.jar"), "matrix", "--no-docker", "--only", "bwrap,firejail",
                "--apps", "all", "--json-only", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("matrix.log").toFile()).start();
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)).as("matrix finished; see %s", out).isTrue();
        List<EnvironmentVerdict> envs = Verdicts.of(ResultsJson.read(out.resolve("matrix.json")));
        save("sandbox-tools", envs.toArray(EnvironmentVerdict[]::new));
        for (EnvironmentVerdict v : envs) {
            assumeTrue(v.env().status() != EnvStatus.SKIPPED, v.env().name() + ": " + v.env().reason());
            assertThat(v.env().status()).as("%s: %s", v.env().name(), v.env().reason()).isEqualTo(EnvStatus.RAN);
            // THEN every job ran with the machine's tools, its end state held, and every grade has a known cause
            ranAll(v);
            assertThat(v.cells()).filteredOn(c -> "app".equals(c.observation().operation()))
                    .allSatisfy(c -> assertThat(c.observation().outcome()).as(Findings.line(c)).isIn("OK", "FALLBACK"));
            assertThat(Findings.unknown(v)).isEmpty();
            assertThat(v.cells()).allSatisfy(c -> assertThat(Findings.causeIds(c)).as(Findings.line(c))
                    .doesNotContain(Causes.UNKNOWN.id()));
        }
        EnvironmentVerdict bwrap = envs.stream().filter(v -> v.env().name().equals("bwrap")).findFirst().orElseThrow();
        EnvironmentVerdict firejail = envs.stream().filter(v -> v.env().name().equals("firejail")).findFirst().orElseThrow();
        // AND under bwrap strace traces, and mv into the sandbox's own /tmp tmpfs copies after EXDEV
        GradedCell mv = Findings.cell(bwrap, "app", "mv");
        assertThat(mv.observation().app().tracing()).isEqualTo(AppTrace.TRACED);
        assertThat(mv.observation().outcome()).as(mv.observation().detail()).isEqualTo("FALLBACK");
        assertThat(mv.observation().errnoName()).isEqualTo("EXDEV");
        assertThat(mv.observation().app().fallback()).startsWith("copied");
        assertThat(Findings.causeIds(mv)).containsExactly(Causes.MOUNT_BOUNDARY.id());
        // AND firejail's profile hides strace, which each cell names instead of passing for traced
        assertThat(firejail.cells()).filteredOn(c -> "app".equals(c.observation().operation()))
                .allSatisfy(c -> assertThat(c.observation().app().tracing()).as(c.observation().scenario())
                        .startsWith("not traced: ").contains("strace is here but cannot be run"));
    }

    /** A tool this machine should have must have run: a skipped job here is a broken set-up, not a pass. */
    private static void ranAll(EnvironmentVerdict v) {
        assertThat(v.cells()).filteredOn(c -> "app".equals(c.observation().operation()))
                .allSatisfy(c -> assertThat(c.observation().status()).as(c.observation().scenario() + ": " + c.observation().reason())
                        .isEqualTo(CellStatus.RAN));
    }

    private static void save(String name, EnvironmentVerdict... verdicts) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        for (EnvironmentVerdict v : verdicts) {
            out.println(v.env().name() + ": " + Tools.sentence(v));
        }
        ConsoleSummary.print(List.of(verdicts), out);
        Path dir = Files.createDirectories(Path.of("target", "apps-report"));
        Files.writeString(dir.resolve(name + ".txt"), bytes.toString(StandardCharsets.UTF_8));
    }
}
