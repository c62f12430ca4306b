package dev.fsconform.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.grade.GradedCell;
import dev.fsconform.testsupport.Recorded;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void aPatternSpanningTwoDirectoriesOnSeparateMountsIsJudgedApartNotAViolation() {
        // GIVEN gVisor with a volume as the first directory and its /tmp as the second (separate mounts)
        List<EnvironmentVerdict> verdicts = List.of(Verdicts.of(Recorded.env("docker-runsc-volume")));

        // WHEN agent-sandbox is checked
        List<GradedCell> violations = Profile.AGENT_SANDBOX.violations(verdicts);
        List<GradedCell> apart = Profile.acrossMounts(verdicts);

        // THEN staging-to-cas (staged in the second directory) failed across the mount and is set apart
        assertThat(apart).extracting(c -> c.observation().scenario() + " → " + c.observation().outcome())
                .containsExactly("staging-to-cas → EXDEV");
        assertThat(violations).extracting(c -> c.observation().scenario()).doesNotContain("staging-to-cas");
    }

    @Test
    void countsSayOneCellNotOneCells() {
        assertThat(Profile.count(1, "cell")).isEqualTo("1 cell");
        assertThat(Profile.count(3, "cell")).isEqualTo("3 cells");
        assertThat(Profile.count(0, "pattern cell")).isEqualTo("0 pattern cells");
    }
}
