package dev.fsconform.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.testsupport.TestLab;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import org.junit.jupiter.api.Test;

class OverlayLowerDirIT {

    @Test
    void lowerLayerDirectoriesFailWithoutRedirectDirAndMoveWithIt() throws Exception {
        try (TestLab lab = TestLab.open()) {
            // GIVEN one overlay with the kernel's default options and one with redirect_dir=on
            EnvironmentVerdict dflt = Verdicts.of(lab.probe("overlay-default", lab.overlay("a", ""), null));
            EnvironmentVerdict on = Verdicts.of(lab.probe("overlay-redirect-on", lab.overlay("b", "redirect_dir=on"), null));

            // THEN every finding of the default overlay is a lower-layer directory, attributed to overlayfs
            assertThat(dflt.findings()).isNotEmpty().allSatisfy(f ->
                    assertThat(Findings.causeIds(f)).as(Findings.line(f)).containsExactly(Causes.OVERLAYFS_LOWER_DIR.id()));
            assertThat(Findings.cell(dflt, "rename", "seeded-dir-same-dir").grade()).isEqualTo(Grade.SURPRISING);
            assertThat(Findings.cell(dflt, "rename", "dir-cross-dir").grade()).as("fresh dirs live in the upper layer")
                    .isEqualTo(Grade.EXPECTED);
            // AND with redirect_dir=on there is nothing to report
            assertThat(Findings.lines(on.findings())).as("findings with redirect_dir=on").isEmpty();
        }
    }
}
