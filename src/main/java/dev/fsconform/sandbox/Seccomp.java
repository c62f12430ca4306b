package dev.fsconform.sandbox;

import dev.fsconform.sandbox.SandboxException.Kind;
import dev.fsconform.sys.Arch;
import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.NativeUnavailableException;
import dev.fsconform.sys.Posix;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Installs a {@link SeccompPolicy} on every thread of this process, or on the calling thread. Irreversible. */
public final class Seccomp {
    private static final int FILTER_FLAG_TSYNC = 1;

    private Seccomp() {
    }

    /** The filter for one arch, and the rules that name a syscall this arch does not have. */
    record Plan(List<Bpf.Match> matches, List<String> notes) {
    }

    static Plan plan(SeccompPolicy policy, Arch arch) {
        List<Bpf.Match> matches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (SeccompPolicy.Rule rule : policy.rules()) {
            OptionalInt nr = arch.syscall(rule.syscall());
            if (nr.isEmpty()) {
                notes.add(rule.syscall() + ": no such syscall on " + arch.displayName()
                        + " (libc uses the *at variant there), rule " + rule + " has no effect");
                continue;
            }
            matches.add(new Bpf.Match(nr.getAsInt(), rule.errno()));
            if (arch == Arch.X86_64) {
                // x32 binaries reach the same entry points with this bit set; cover them too.
                matches.add(new Bpf.Match(nr.getAsInt() | Arch.X32_SYSCALL_BIT, rule.errno()));
            }
        }
        return new Plan(List.copyOf(matches), List.copyOf(notes));
    }

    /** What {@link #install} would say about rules that cannot apply on this machine's arch. */
    public static List<String> notes(SeccompPolicy policy) throws SandboxException {
        return plan(policy, arch()).notes();
    }

    /**
     * Sets no_new_privs, then installs the filter with SECCOMP_FILTER_FLAG_TSYNC so that all JVM
     * threads get it at once. Returns the notes for rules that map to nothing on this arch.
     */
    public static List<String> install(SeccompPolicy policy) throws SandboxException {
        return install(policy, FILTER_FLAG_TSYNC);
    }

    /**
     * The same for the calling thread only (and the threads and processes it starts afterwards), as
     * the kernel does without TSYNC: one thread of the host lab probes under the filter while the
     * others go on without it.
     */
    public static List<String> installOnThisThread(SeccompPolicy policy) throws SandboxException {
        return install(policy, 0);
    }

    private static List<String> install(SeccompPolicy policy, int flags) throws SandboxException {
        Arch arch = arch();
        Plan plan = plan(policy, arch);
        byte[] program = Bpf.write(Bpf.program(arch.auditArch(), plan.matches()));
        Posix posix;
        try {
            posix = Posix.get();
        } catch (NativeUnavailableException e) {
            throw new SandboxException(Kind.SETUP, "seccomp: " + e.getMessage());
        }
        SandboxException.check(posix.setNoNewPrivs(), "prctl(PR_SET_NO_NEW_PRIVS)");
        String how = flags == FILTER_FLAG_TSYNC ? "TSYNC" : "this thread";
        CallResult r = SandboxException.check(posix.seccompSetModeFilter(program, flags),
                "seccomp(SET_MODE_FILTER, " + how + ", policy " + policy.name() + ")");
        if (r.value() > 0) {
            throw new SandboxException(Kind.SETUP, "seccomp(SET_MODE_FILTER, TSYNC): thread " + r.value()
                    + " has a diverging filter and could not be synchronised");
        }
        return plan.notes();
    }

    private static Arch arch() throws SandboxException {
        return Arch.current().orElseThrow(() -> new SandboxException(Kind.SETUP,
                "seccomp: unsupported architecture " + System.getProperty("os.arch") + " (supported: x86_64, aarch64)"));
    }
}
