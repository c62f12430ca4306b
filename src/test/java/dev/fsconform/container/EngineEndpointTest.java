package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerEngineTest {

    @Test
    void olderEngineGetsItsOwnNewestVersion() {
        // Debian 12's docker.io 20.10
        assertThat(EngineEndpoint.negotiate("1.44", "1.41", "1.12")).isEqualTo("1.41");
    }

    @Test
    void newerEngineGetsTheClientsNewestVersion() {
        // Docker 29.x refuses anything below 1.44
        assertThat(EngineEndpoint.negotiate("1.44", "1.52", "1.44")).isEqualTo("1.44");
        assertThat(EngineEndpoint.negotiate("1.44", "1.47", "1.24")).isEqualTo("1.44");
    }

    @Test
    void engineThatDroppedTheClientsVersionGetsItsOldest() {
        assertThat(EngineEndpoint.negotiate("1.44", "1.60", "1.50")).isEqualTo("1.50");
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(EngineEndpoint.compare("1.9", "1.10")).isNegative();
        assertThat(EngineEndpoint.compare("1.44", "1.44")).isZero();
        assertThat(EngineEndpoint.compare("2.0", "1.99")).isPositive();
    }
}
