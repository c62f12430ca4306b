package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifelineTest {
    @Test
    void aContainerWeighsWhatAProcessAtTheSameNiceLevelWeighs() {
        // The kernel's sched_prio_to_weight: 1024 at 0, 110 at 10, 15 at 19, 3121 at -5.
        assertThat(Lifeline.cpuShares(0)).isEqualTo(1024);
        assertThat(Lifeline.cpuShares(10)).isEqualTo(110);
        assertThat(Lifeline.cpuShares(19)).isEqualTo(15);
        assertThat(Lifeline.cpuShares(-5)).isBetween(3100, 3150);
    }

    @Test
    void theNiceLevelIsThisJvmsOwn() {
        assertThat(Lifeline.niceLevel()).isBetween(-20, 19);
    }
}
