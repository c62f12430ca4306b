package dev.fsconform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.sys.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated program, run by a minimal classic-BPF interpreter over seccomp_data. */
class BpfTest {
    private static final int AUDIT_ARCH_I386 = 0x40000003;
    private static final int ENOSYS = 38;

    /** Executes the three opcodes the builder emits; anything else is a builder bug. */
    static int run(List<Bpf.Insn> program, int nr, int arch) {
        int acc = 0;
        int pc = 0;
        for (int steps = 0; steps < program.size(); steps++) {
            Bpf.Insn insn = program.get(pc);
            switch (insn.code()) {
                case Bpf.LD_W_ABS -> {
                    acc = insn.k() == Bpf.OFFSET_NR ? nr : insn.k() == Bpf.OFFSET_ARCH ? arch : fail(insn);
                    pc++;
                }
                case Bpf.JEQ_K -> pc += 1 + (acc == insn.k() ? insn.jt() : insn.jf());
                case Bpf.RET_K -> {
                    return insn.k();
                }
                default -> fail(insn);
            }
        }
        throw new AssertionError("program did not return (loop or fell off the end)");
    }

    private static int fail(Bpf.Insn insn) {
        throw new AssertionError("unexpected instruction " + insn);
    }

    @Test
    void matchingSyscallsGetTheirErrnoAndEverythingElseIsAllowed() {
        // GIVEN renameat2-enosys planned for x86_64
        List<Bpf.Insn> p = Bpf.program(Arch.X86_64.auditArch(),
                Seccomp.plan(SeccompPolicy.renameat2Enosys(), Arch.X86_64).matches());
        // WHEN seccomp_data is evaluated  THEN renameat2 (native and x32) → ENOSYS, rest allowed
        assertThat(run(p, 316, Arch.X86_64.auditArch())).isEqualTo(Bpf.RET_ERRNO | ENOSYS);
        assertThat(run(p, 316 | Arch.X32_SYSCALL_BIT, Arch.X86_64.auditArch())).isEqualTo(Bpf.RET_ERRNO | ENOSYS);
        assertThat(run(p, 82, Arch.X86_64.auditArch())).isEqualTo(Bpf.RET_ALLOW);
        assertThat(run(p, 264, Arch.X86_64.auditArch())).isEqualTo(Bpf.RET_ALLOW);
    }

    @Test
    void otherArchitecturesPassUntouchedBecauseTheirNumbersMeanOtherCalls() {
        // GIVEN x86_64 and aarch64 programs  WHEN a call arrives through another ABI  THEN allowed
        List<Bpf.Insn> x86 = Bpf.program(Arch.X86_64.auditArch(), List.of(new Bpf.Match(316, ENOSYS)));
        List<Bpf.Insn> arm = Bpf.program(Arch.AARCH64.auditArch(), List.of(new Bpf.Match(276, ENOSYS)));
        assertThat(run(x86, 316, AUDIT_ARCH_I386)).isEqualTo(Bpf.RET_ALLOW);
        assertThat(run(arm, 276, Arch.X86_64.auditArch())).isEqualTo(Bpf.RET_ALLOW);
        assertThat(run(arm, 276, Arch.AARCH64.auditArch())).isEqualTo(Bpf.RET_ERRNO | ENOSYS);
    }

    @Test
    void writesStructSockFilterLayout() {
        // GIVEN a program  WHEN written to native memory  THEN {u16 code, u8 jt, u8 jf, u32 k} per insn
        List<Bpf.Insn> p = Bpf.program(Arch.X86_64.auditArch(), List.of(new Bpf.Match(316, ENOSYS)));
        java.nio.ByteBuffer mem = java.nio.ByteBuffer.wrap(Bpf.write(p)).order(java.nio.ByteOrder.nativeOrder());
        assertThat(mem.capacity()).isEqualTo(p.size() * 8);
        assertThat(mem.getShort(0)).isEqualTo((short) Bpf.LD_W_ABS);
        assertThat(mem.getInt(4)).isEqualTo(Bpf.OFFSET_ARCH);
        assertThat(mem.getShort(8)).isEqualTo((short) Bpf.JEQ_K);
        assertThat(mem.get(10)).isEqualTo((byte) 1);
        assertThat(mem.get(11)).isEqualTo((byte) 0);
        assertThat(mem.getInt(12)).isEqualTo(Arch.X86_64.auditArch());
    }
}
