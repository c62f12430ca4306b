package dev.fsconform.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds the classic-BPF seccomp program: errno for chosen syscalls of one arch, allow the rest. */
final class Bpf {
    static final int LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
    static final int JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    static final int RET_K = 0x06; // BPF_RET | BPF_K
    static final int RET_ALLOW = 0x7fff0000;
    static final int RET_ERRNO = 0x00050000;
    static final int OFFSET_NR = 0; // struct seccomp_data { int nr; __u32 arch; ... }
    static final int OFFSET_ARCH = 4;
    static final int INSN_SIZE = 8;

    private Bpf() {
    }

    /** struct sock_filter. */
    record Insn(int code, int jt, int jf, int k) {
    }

    /** A syscall number (as seen in seccomp_data.nr) and the errno to answer with. */
    record Match(int nr, int errno) {
    }

    /**
     * Numbers only mean something for one arch, so the arch is checked first and calls made
     * through another ABI (i386 compat on x86_64, arm32 on aarch64) are let through untouched.
     */
    static List<Insn> program(int auditArch, List<Match> matches) {
        List<Insn> p = new ArrayList<>();
        p.add(new Insn(LD_W_ABS, 0, 0, OFFSET_ARCH));
        p.add(new Insn(JEQ_K, 1, 0, auditArch));
        p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        p.add(new Insn(LD_W_ABS, 0, 0, OFFSET_NR));
        for (Match m : matches) {
            p.add(new Insn(JEQ_K, 0, 1, m.nr()));
            p.add(new Insn(RET_K, 0, 0, RET_ERRNO | m.errno()));
        }
        p.add(new Insn(RET_K, 0, 0, RET_ALLOW));
        return List.copyOf(p);
    }

    /** The program as the kernel reads it: struct sock_filter[] in native byte order. */
    static byte[] write(List<Insn> program) {
        ByteBuffer filter = ByteBuffer.allocate(program.size() * INSN_SIZE).order(ByteOrder.nativeOrder());
        for (Insn insn : program) {
            filter.putShort((short) insn.code()).put((byte) insn.jt()).put((byte) insn.jf()).putInt(insn.k());
        }
        return filter.array();
    }
}
