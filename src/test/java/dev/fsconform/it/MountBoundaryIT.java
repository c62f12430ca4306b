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

class MountBoundaryIT {

    @Test
    void twoBindMountsOfOneDirectoryAreAMountBoundary() throws Exception {
        try (TestLab lab = TestLab.open()) {
            // GIVEN two bind mounts of one directory
            Path base = lab.dir("base");
            Path one = lab.dir("one");
            Path two = lab.dir("two");
            lab.bind(base, one);
            lab.bind(base, two);

            // WHEN the probe runs across them and is graded
            EnvironmentVerdict v = Verdicts.of(lab.probe("bind-mounts", one, two));

            // THEN cross-mount EXDEV is acceptable, blamed on the mounts, and the evidence says "bind mounts"
            GradedCell noreplace = Findings.cell(v, "renameat2-noreplace", "cross-mount-file-onto-file");
            assertThat(noreplace.observation().outcome()).as("EXDEV is checked before EEXIST").isEqualTo("EXDEV");
            assertThat(noreplace.grade()).isEqualTo(Grade.ACCEPTABLE);
            assertThat(Findings.causeIds(noreplace)).containsExactly(Causes.MOUNT_BOUNDARY.id());
            assertThat(noreplace.causes().get(0).evidence()).anySatisfy(e -> assertThat(e).contains("bind mounts of one filesystem"));
            assertThat(Findings.lines(v.findings())).as("findings between two bind mounts").isEmpty();
        }
    }
}
