package dev.fsconform.sandbox;

import dev.fsconform.sys.Errno;
import dev.fsconform.sandbox.LandlockPolicy.Access;
import dev.fsconform.sandbox.SandboxException.Kind;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jnr.ffi.Pointer;

/**
 * Applies a {@link LandlockPolicy} to the calling thread (and the threads and programs it starts
 * afterwards). Irreversible: tests do it in a child JVM.
 */
public final class Landlock {
    private static final int CREATE_RULESET_VERSION = 1;
    private static final int RULE_PATH_BENEATH = 1;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int EOPNOTSUPP = 95;
    private static final int ENOSYS = 38;

    /** The policy this thread restricted itself with, inherited by threads it creates, as domains are. */
    private static final InheritableThreadLocal<String> APPLIED = new InheritableThreadLocal<>();

    private Landlock() {
    }

    /** The running Landlock ABI version, or -1 when unavailable (see {@link #unavailableReason()}). */
    public static int abi() {
        return probe().version();
    }

    /** Why Landlock cannot be used here, e.g. "landlock_create_ruleset: EOPNOTSUPP (...)". */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(probe().reason());
    }

    record Probe(int version, String reason, int errno) {
    }

    static Probe probe() {
        long r = Native.libc().syscall(Arch.LANDLOCK_CREATE_RULESET, 0, 0, CREATE_RULESET_VERSION);
        int errno = Native.errno();
        if (r > 0) {
            return new Probe((int) r, null, 0);
        }
        if (r == 0) {
            return new Probe(-1, "landlock_create_ruleset(VERSION) returned 0", 0);
        }
        String hint = switch (errno) {
            case ENOSYS -> ": kernel built without Landlock, or the syscall is filtered by seccomp";
            case EOPNOTSUPP -> ": Landlock is built in but not enabled at boot (lsm=)";
            default -> "";
        };
        return new Probe(-1, "landlock_create_ruleset(VERSION): " + Errno.of(errno).describe() + hint, errno);
    }

    /**
     * The rights the kernel will really handle: the policy's, minus those newer than {@code abi}.
     * REFER is never dropped silently: on ABI 1 every cross-directory rename and link would then
     * fail with EXDEV, which is exactly the bug this suite explains.
     */
    public static Set<Access> effectiveHandled(LandlockPolicy policy, int abi) throws SandboxException {
        if (policy.handledAccess().contains(Access.REFER) && abi < Access.REFER.sinceAbi()) {
            throw new SandboxException(Kind.SETUP, "Landlock policy '" + policy.name()
                    + "' handles REFER but this kernel's Landlock ABI is " + abi
                    + " (REFER needs ABI 2): refusing to drop it, as cross-directory renames would all get EXDEV");
        }
        EnumSet<Access> handled = EnumSet.noneOf(Access.class);
        handled.addAll(policy.handledAccess());
        handled.retainAll(Access.supportedBy(abi));
        if (handled.isEmpty()) {
            throw new SandboxException(Kind.SETUP, "Landlock policy '" + policy.name()
                    + "' handles no right that ABI " + abi + " supports");
        }
        return handled;
    }

    /** Restricts the calling thread; sets no_new_privs first, as the kernel requires of non-root callers. */
    public static void restrictSelf(LandlockPolicy policy) throws SandboxException {
        Probe probe = probe();
        if (probe.version() < 1) {
            throw new SandboxException(Kind.SETUP, "Landlock unavailable: " + probe.reason());
        }
        Set<Access> handled = effectiveHandled(policy, probe.version());
        int ruleset = createRuleset(Access.mask(handled));
        try {
            for (Map.Entry<Path, Set<Access>> rule : policy.rules().entrySet()) {
                addRule(ruleset, rule.getKey(), rule.getValue(), handled);
            }
            if (Native.libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
                throw SandboxException.syscall("prctl(PR_SET_NO_NEW_PRIVS)", Native.errno());
            }
            if (Native.libc().syscall(Arch.LANDLOCK_RESTRICT_SELF, ruleset, 0, 0) != 0) {
                throw SandboxException.syscall("landlock_restrict_self(policy " + policy.name() + ")", Native.errno());
            }
            APPLIED.set(policy.name());
        } finally {
            Native.libc().close(ruleset);
        }
    }

    /** The policy name if this thread was restricted through {@link #restrictSelf} in this JVM. */
    static Optional<String> appliedHere() {
        return Optional.ofNullable(APPLIED.get());
    }

    private static int createRuleset(long handledMask) throws SandboxException {
        // Only handled_access_fs (8 bytes): the smallest struct size every Landlock ABI accepts.
        Pointer attr = Native.zeroed(8);
        attr.putLong(0, handledMask);
        long fd = Native.libc().syscall(Arch.LANDLOCK_CREATE_RULESET, attr.address(), 8, 0);
        int errno = Native.errno();
        Reference.reachabilityFence(attr);
        if (fd < 0) {
            throw SandboxException.syscall("landlock_create_ruleset(handled=0x" + Long.toHexString(handledMask) + ")", errno);
        }
        return (int) fd;
    }

    private static void addRule(int ruleset, Path path, Set<Access> granted, Set<Access> handled)
            throws SandboxException {
        // Opened first so that a missing path is always reported, even if its rule ends up empty.
        Pointer name = Native.cString(path.toString());
        int fd = Native.libc().open(name, O_PATH | O_CLOEXEC);
        int openErrno = Native.errno();
        Reference.reachabilityFence(name);
        if (fd < 0) {
            throw SandboxException.syscall("open(" + path + ", O_PATH) for a Landlock rule", openErrno);
        }
        try {
            EnumSet<Access> allowed = EnumSet.noneOf(Access.class);
            allowed.addAll(granted);
            allowed.retainAll(handled);
            if (!Files.isDirectory(path)) {
                allowed.removeIf(a -> !a.appliesToFiles());
            }
            if (allowed.isEmpty()) {
                return; // nothing this kernel handles is granted here; the kernel would say ENOMSG
            }
            Pointer attr = Native.zeroed(12); // struct landlock_path_beneath_attr is packed
            attr.putLong(0, Access.mask(allowed));
            attr.putInt(8, fd);
            long r = Native.libc().syscall(Arch.LANDLOCK_ADD_RULE, ruleset, RULE_PATH_BENEATH, attr.address(), 0, 0, 0);
            int errno = Native.errno();
            Reference.reachabilityFence(attr);
            if (r != 0) {
                throw SandboxException.syscall("landlock_add_rule(" + path + ", " + allowed + ")", errno);
            }
        } finally {
            Native.libc().close(fd);
        }
    }
}
