package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdTest {

    @Test
    void currentRunIsNotStaleAndSurvivesItsLabel() {
        // GIVEN this JVM's run id, as written into a label
        RunId self = RunId.current();

        // WHEN it is read back
        RunId parsed = RunId.parse(self.toString()).orElseThrow();

        // THEN it is the same run, and its things are not leftovers
        assertThat(parsed).isEqualTo(self);
        assertThat(parsed.stale(Instant.now(), Instant.now())).isFalse();
    }

    @Test
    void runOfAGoneProcessIsStale() throws Exception {
        // GIVEN a process that has ended
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        RunId gone = new RunId(RunId.bootId(), p.pid(), p.info().startInstant().map(Instant::getEpochSecond).orElse(1L));

        assertThat(gone.stale(Instant.now(), Instant.now())).isTrue();
    }

    @Test
    void reusedPidIsStaleBecauseTheStartTimeDiffers() {
        RunId self = RunId.current();
        RunId reused = new RunId(self.boot(), self.pid(), self.startSecond() - 1000);

        assertThat(reused.stale(Instant.now(), Instant.now())).isTrue();
    }

    @Test
    void anotherBootsRunIsStaleOnlyOnceOld() {
        RunId other = new RunId("00000000", 1, 1);
        Instant now = Instant.now();

        assertThat(other.stale(now.minus(Duration.ofMinutes(5)), now)).isFalse();
        assertThat(other.stale(now.minus(RunId.FOREIGN_AGE).minusSeconds(1), now)).isTrue();
    }

    @Test
    void labelsFsconformDidNotWriteAreLeftoversOnlyOnceStoppedOrOld() {
        Instant now = Instant.now();

        assertThat(Leftovers.stale("manual", now, now, true)).isFalse();
        assertThat(Leftovers.stale("manual", now, now, false)).isTrue();
        assertThat(Leftovers.stale("it-123", now.minus(RunId.FOREIGN_AGE).minusSeconds(1), now, true)).isTrue();
        assertThat(RunId.parse("a-b-c")).isEmpty();
    }
}
