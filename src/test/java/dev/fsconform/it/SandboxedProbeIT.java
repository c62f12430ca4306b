package dev.fsconform.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.testsupport.TestLab;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The restriction is applied by a parent process that then execs the probe (`fsconform sandbox … --
 * java -jar fsconform.jar probe …`), the way a foreign sandbox starts it: no labels, nothing declared.
 */
class SandboxedProbeIT {

    @Test
    void landlockWithoutReferIsInferredAndWithReferNothingIsReported() throws Exception {
        try (TestLab lab = TestLab.open()) {
            Path dir = lab.dir("ws");
            EnvironmentVerdict noRefer = Verdicts.of(lab.probe("landlock-no-refer", dir, Path.of("/dev/shm"),
                    lab.sandbox("--landlock", "no-refer")));
            EnvironmentVerdict refer = Verdicts.of(lab.probe("landlock-refer", dir, Path.of("/dev/shm"),
                    lab.sandbox("--landlock", "refer")));

            GradedCell uv = Findings.cell(noRefer, "rename", "dir-cross-dir");
            assertThat(noRefer.env().fingerprint().labels()).as("the sandbox declared nothing").isEmpty();
            assertThat(uv.grade()).isEqualTo(Grade.SURPRISING);
            assertThat(Findings.causeIds(uv)).containsExactly(Causes.LANDLOCK_REFER.id());
            assertThat(uv.causes().get(0).evidence()).contains(
                    "process appears Landlock-restricted (cannot be read from outside; inferred from controls)");
            assertThat(noRefer.findings()).allSatisfy(f ->
                    assertThat(Findings.causeIds(f)).as(Findings.line(f)).containsExactly(Causes.LANDLOCK_REFER.id()));
            assertThat(Findings.lines(refer.findings())).as("findings with REFER granted").isEmpty();
        }
    }

    @Test
    void seccompFiltersOnRenameat2AreAttributedToSeccomp() throws Exception {
        try (TestLab lab = TestLab.open()) {
            Path dir = lab.dir("ws");
            EnvironmentVerdict enosys = Verdicts.of(lab.probe("renameat2-enosys", dir, null,
                    lab.sandbox("--seccomp", "renameat2-enosys")));
            EnvironmentVerdict eperm = Verdicts.of(lab.probe("renameat2-eperm", dir, null,
                    lab.sandbox("--seccomp", "renameat2-eperm")));

            GradedCell missing = Findings.cell(enosys, "renameat2-noreplace", "file-same-dir");
            assertThat(missing.observation().outcome()).isEqualTo("ENOSYS");
            assertThat(missing.grade()).as("ENOSYS is the documented fall-back signal").isEqualTo(Grade.ACCEPTABLE);
            assertThat(Findings.causeIds(missing)).containsExactly(Causes.SECCOMP.id());
            assertThat(enosys.env().fingerprint().seccompMode()).isEqualTo(2);

            GradedCell refused = Findings.cell(eperm, "renameat2-noreplace", "file-same-dir");
            assertThat(refused.grade()).isEqualTo(Grade.SURPRISING);
            assertThat(eperm.findings()).isNotEmpty().allSatisfy(f ->
                    assertThat(Findings.causeIds(f)).as(Findings.line(f)).containsExactly(Causes.SECCOMP.id()));
        }
    }
}
