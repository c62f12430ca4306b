package dev.fsconform.sandbox;

import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;

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

    static Pointer write(List<Insn> program) {
        Pointer filter = Native.zeroed(program.size() * INSN_SIZE);
        for (int i = 0; i < program.size(); i++) {
            Insn insn = program.get(i);
            long at = (long) i * INSN_SIZE;
            filter.putShort(at, (short) insn.code());
            filter.putByte(at + 2, (byte) insn.jt());
            filter.putByte(at + 3, (byte) insn.jf());
            filter.putInt(at + 4, insn.k());
        }
        return filter;
    }
}
