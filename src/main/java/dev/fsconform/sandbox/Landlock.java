package dev.fsconform.sandbox;

import dev.fsconform.sandbox.LandlockPolicy.Access;
import dev.fsconform.sandbox.SandboxException.Kind;
import dev.fsconform.sys.LandlockAbi;
import dev.fsconform.sys.NativeUnavailableException;
import dev.fsconform.sys.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@link LandlockPolicy} to the calling thread (and the threads and programs it starts
 * afterwards). Irreversible: tests do it in a child JVM.
 */
public final class Landlock {
    /** The policy this thread restricted itself with, inherited by threads it creates, as domains are. */
    private static final InheritableThreadLocal<String> APPLIED = new InheritableThreadLocal<>();

    private Landlock() {
    }

    /** The running Landlock ABI version, or -1 when unavailable (see {@link #unavailableReason()}). */
    public static int abi() {
        LandlockAbi abi = probe();
        return abi.available() ? abi.version() : -1;
    }

    /** Why Landlock cannot be used here, e.g. "landlock_create_ruleset: EOPNOTSUPP (...)". */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(probe().reason());
    }

    /** The kernel's answer; throws {@link NativeUnavailableException} when native calls cannot be made. */
    static LandlockAbi probe() {
        return Posix.get().landlockAbi();
    }

    /**
     * The rights the kernel will really handle: the policy's, minus those newer than {@code abi}.
     * REFER is never dropped silently: on ABI 1 every cross-directory rename and link would then
     * fail with EXDEV, which is exactly the bug this suite explains.
     */
    public static Set<Access> effectiveHandled(LandlockPolicy policy, int abi) throws SandboxException {
        if (policy.handledAccess().contains(Access.REFER) && abi < Access.REFER.sinceAbi() && !policy.degrades()) {
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
        Posix posix;
        LandlockAbi abi;
        try {
            posix = Posix.get();
            abi = posix.landlockAbi();
        } catch (NativeUnavailableException e) {
            throw new SandboxException(Kind.SETUP, "Landlock unavailable: " + e.getMessage());
        }
        if (!abi.available()) {
            throw new SandboxException(Kind.SETUP, "Landlock unavailable: " + abi.reason());
        }
        Set<Access> handled = effectiveHandled(policy, abi.version());
        int ruleset = SandboxException.check(posix.landlockCreateRuleset(Access.mask(handled)),
                "landlock_create_ruleset(handled=0x" + Long.toHexString(Access.mask(handled)) + ")").fd();
        try {
            for (Map.Entry<Path, Set<Access>> rule : policy.rules().entrySet()) {
                addRule(posix, ruleset, rule.getKey(), rule.getValue(), handled);
            }
            SandboxException.check(posix.setNoNewPrivs(), "prctl(PR_SET_NO_NEW_PRIVS)");
            SandboxException.check(posix.landlockRestrictSelf(ruleset), "landlock_restrict_self(policy " + policy.name() + ")");
            APPLIED.set(policy.name());
        } finally {
            posix.close(ruleset);
        }
    }

    /** The policy name if this thread was restricted through {@link #restrictSelf} in this JVM. */
    static Optional<String> appliedHere() {
        return Optional.ofNullable(APPLIED.get());
    }

    private static void addRule(Posix posix, int ruleset, Path path, Set<Access> granted, Set<Access> handled)
            throws SandboxException {
        // Opened first so that a missing path is always reported, even if its rule ends up empty.
        int fd = SandboxException.check(posix.openPath(path), "open(" + path + ", O_PATH) for a Landlock rule").fd();
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
            SandboxException.check(posix.landlockAddPathRule(ruleset, fd, Access.mask(allowed)), "landlock_add_rule(" + path + ", " + allowed + ")");
        } finally {
            posix.close(fd);
        }
    }
}
