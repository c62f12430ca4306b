package dev.fsconform.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.testsupport.Recorded;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    @Test
    void countsCoverEveryGradedCellAndFindingsComeWorstFirst() {
        // GIVEN seccomp answering EPERM for renameat2 (one FORBIDDEN mv cell, many SURPRISING)
        EnvironmentVerdict v = Verdicts.of(Recorded.env("seccomp-renameat2-eperm"));

        // THEN counts add up to the graded cells, every grade is present, findings start with the worst
        long graded = v.cells().stream().filter(GradedCell::graded).count();
        assertThat(v.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(graded);
        assertThat(v.counts()).containsOnlyKeys(Grade.values());
        assertThat(v.findings()).isNotEmpty().allMatch(GradedCell::finding);
        assertThat(v.findings().get(0).grade()).isEqualTo(Grade.FORBIDDEN);
        assertThat(v.findings()).isSortedAccordingTo((a, b) -> Integer.compare(b.grade().severity(), a.grade().severity()));
        assertThat(v.worst()).isEqualTo(Grade.FORBIDDEN);
    }

    @Test
    void causesAreDistinctWithCombinedEvidence() {
        EnvironmentVerdict v = Verdicts.of(Recorded.env("overlay-landlock-no-refer"));

        assertThat(v.causes()).extracting(Cause::id).doesNotHaveDuplicates()
                .contains(Causes.LANDLOCK_REFER.id(), Causes.OVERLAYFS_LOWER_DIR.id(), Causes.MOUNT_BOUNDARY.id());
        Cause landlock = v.causes().stream().filter(c -> c.id().equals(Causes.LANDLOCK_REFER.id())).findFirst().orElseThrow();
        assertThat(landlock.evidence()).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(Verdicts.MAX_EVIDENCE + 1);
    }

    @Test
    void theSeedReportDiagnosisNamesLandlockAndItsFix() {
        // GIVEN the seed report's environment WHEN diagnosed
        String d = Verdicts.of(Recorded.env("overlay-landlock-no-refer")).diagnosis();

        // THEN the paragraph says which calls, where, because of what, and the fix
        assertThat(d).contains("[landlock-refer]", "when the parent directory changes", "pattern × uv-cache-persist → EXDEV",
                "process appears Landlock-restricted", "grant LANDLOCK_ACCESS_FS_REFER",
                "[overlayfs-lower-dir]", "redirect_dir=on", "a working mv proves nothing about rename")
                .doesNotContain("\n");
    }

    @Test
    void aCleanEnvironmentSaysSoAndNamesTheAcceptableCauses() {
        String d = Verdicts.of(Recorded.env("bind-mounts")).diagnosis();

        assertThat(d).contains("all ", "graded cells behave as POSIX and Linux promise", "mount-boundary (EXDEV");
    }

    @Test
    void anEnvironmentThatDidNotRunIsNotGraded() {
        EnvironmentResult skipped = EnvironmentResult.notRun("gvisor", "runtime", "runsc", EnvStatus.SKIPPED, "no runsc", 0);

        EnvironmentVerdict v = Verdicts.of(skipped);

        assertThat(v.cells()).isEmpty();
        assertThat(v.worst()).isNull();
        assertThat(v.diagnosis()).isEqualTo("'gvisor' did not run (SKIPPED: no runsc), so nothing was graded.");
    }

    @Test
    void consoleSummaryFitsOneScreenAndShowsCauseIds() {
        // GIVEN every recorded environment in one results file
        List<EnvironmentResult> envs = Recorded.NAMES.stream().map(Recorded::env).toList();
        List<EnvironmentVerdict> verdicts = Verdicts.of(ResultsFile.of("test", "now", envs));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        // WHEN printed
        ConsoleSummary.print(verdicts, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // THEN one block per environment with counts and the top findings' cause ids
        assertThat(out).contains("landlock-no-refer", "surprising ", "[landlock-refer]", "[seccomp]", "[overlayfs-lower-dir]")
                .contains("causes: ");
        int perEnvironment = 2 + ConsoleSummary.TOP + 1;
        assertThat(out.lines().count()).as("lines for %d environments", envs.size()).isLessThanOrEqualTo((long) envs.size() * perEnvironment);
    }
}
