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
        RunId gone = new RunId(RunId.current().boot(), p.pid(), p.info().startInstant().map(Instant::getEpochSecond).orElse(1L));

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
    void aRunInAnotherPidNamespaceIsNeverJudgedByThisNamespacesPids() throws Exception {
        // GIVEN a run on this boot but in another pid namespace (a container sharing the engine), whose pid
        // here is a process that has ended
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        RunId inContainer = new RunId(RunId.bootId() + ".1", p.pid(), 1);
        Instant now = Instant.now();

        // THEN its live things are kept, and only old ones count as leftovers
        assertThat(inContainer.stale(now.minus(Duration.ofMinutes(5)), now)).isFalse();
        assertThat(inContainer.stale(now.minus(RunId.FOREIGN_AGE).minusSeconds(1), now)).isTrue();
        // while a label of an earlier version (boot id alone) is still judged by its pid
        assertThat(new RunId(RunId.bootId(), p.pid(), 1).stale(now, now)).isTrue();
        assertThat(RunId.current().boot()).isEqualTo(RunId.bootId() + "." + RunId.pidNamespace());
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
