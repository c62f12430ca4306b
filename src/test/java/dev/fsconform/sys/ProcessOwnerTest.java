package dev.fsconform.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessOwnerTest {

    @Test
    void thisJvmIsAliveAndItsTokenReadsBack() {
        ProcessOwner self = ProcessOwner.current();
        assertThat(self.gone()).isFalse();
        assertThat(ProcessOwner.parse(self.token())).contains(self);
        assertThat(ProcessOwner.parse(Long.toString(self.pid()))).hasValueSatisfying(o -> assertThat(o.gone()).isFalse());
    }

    @Test
    void aDeadPidOrAReusedOneIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThat(new ProcessOwner(p.pid(), 0).gone()).isTrue();
        ProcessOwner self = ProcessOwner.current();
        assertThat(new ProcessOwner(self.pid(), self.startSecond() - 1000).gone()).isTrue();
    }

    @Test
    void anUnknownStartIsNotCompared() {
        assertThat(new ProcessOwner(ProcessHandle.current().pid(), 0).gone()).isFalse();
    }

    @Test
    void garbageIsNoOwner() {
        assertThat(ProcessOwner.parse("abc")).isEmpty();
        assertThat(ProcessOwner.parse("12.x")).isEmpty();
    }
}
