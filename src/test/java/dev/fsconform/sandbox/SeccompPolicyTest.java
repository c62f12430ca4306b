package dev.fsconform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsconform.sandbox.SeccompPolicy.Rule;
import dev.fsconform.sys.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seccomp policy values, parsing and per-arch mapping: pure, no filter is installed. */
class SeccompPolicyTest {
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int ENOSYS = 38;

    @Test
    void presetsAndTheirCliNames() {
        assertThat(SeccompPolicy.parse("renameat2-enosys")).isEqualTo(SeccompPolicy.renameat2Enosys());
        assertThat(SeccompPolicy.renameat2Enosys().rules()).containsExactly(new Rule("renameat2", ENOSYS));
        assertThat(SeccompPolicy.parse("renameat2-eperm").rules()).containsExactly(new Rule("renameat2", EPERM));
        assertThat(SeccompPolicy.parse("rename-eperm").rules())
                .containsExactly(new Rule("rename", EPERM), new Rule("renameat", EPERM));
    }

    @Test
    void genericFormTakesErrnoNamesInAnyCaseOrNumbers() {
        SeccompPolicy p = SeccompPolicy.parse("renameat2=ENOSYS, linkat=eacces,link=1");
        assertThat(p.rules()).containsExactly(new Rule("renameat2", ENOSYS), new Rule("linkat", EACCES),
                new Rule("link", EPERM));
    }

    @Test
    void badInputGivesOneLineErrors() {
        assertThatThrownBy(() -> SeccompPolicy.parse("strict"))
                .hasMessage("unknown seccomp policy 'strict' (valid: renameat2-enosys, renameat2-eperm,"
                        + " rename-eperm, or SYSCALL=ERRNO[,SYSCALL=ERRNO])");
        assertThatThrownBy(() -> SeccompPolicy.parse("renameat3=EPERM")).hasMessageStartingWith("unknown syscall 'renameat3' (known: link, linkat,");
        assertThatThrownBy(() -> SeccompPolicy.parse("renameat2=EWHAT")).hasMessageStartingWith("unknown errno 'EWHAT' for renameat2");
        assertThatThrownBy(() -> SeccompPolicy.parse("renameat2=")).hasMessageStartingWith("bad seccomp rule 'renameat2='");
        assertThatThrownBy(() -> SeccompPolicy.parse("renameat2=EPERM,renameat2=ENOSYS")).hasMessageContaining("names renameat2 twice");
        assertThatThrownBy(() -> SeccompPolicy.parse("renameat2=5000")).hasMessage("errno 5000 for renameat2 is outside 1..4095");
        for (String broken : new String[] {"a\nb", "rename\nat2=EPERM", "renameat2=E\nPERM", "x\n=EPERM", "renameat2=\n"}) {
            assertThatThrownBy(() -> SeccompPolicy.parse(broken)).as(broken).hasMessageNotContaining("\n");
        }
    }

    @Test
    void x86PlanCoversNativeAndX32Numbers() {
        Seccomp.Plan plan = Seccomp.plan(SeccompPolicy.renameBlocked(), Arch.X86_64);
        assertThat(plan.matches()).containsExactly(new Bpf.Match(82, EPERM), new Bpf.Match(82 | Arch.X32_SYSCALL_BIT, EPERM),
                new Bpf.Match(264, EPERM), new Bpf.Match(264 | Arch.X32_SYSCALL_BIT, EPERM));
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void aarch64HasNoRenameSyscallAndSaysSo() {
        // GIVEN rename-eperm  WHEN planned for aarch64, whose table has no rename(2)
        Seccomp.Plan plan = Seccomp.plan(SeccompPolicy.renameBlocked(), Arch.AARCH64);
        // THEN renameat (38) is filtered and rename is reported, not a crash
        assertThat(plan.matches()).containsExactly(new Bpf.Match(38, EPERM));
        assertThat(plan.notes()).containsExactly(
                "rename: no such syscall on aarch64 (libc uses the *at variant there), rule rename=EPERM has no effect");
        assertThat(Seccomp.plan(SeccompPolicy.renameat2Enosys(), Arch.AARCH64).matches())
                .containsExactly(new Bpf.Match(276, ENOSYS));
    }

    @Test
    void aPolicyWithNoRuleIsRejected() {
        assertThatThrownBy(() -> new SeccompPolicy("empty", List.of())).hasMessage("seccomp policy 'empty' has no rule");
    }
}
