package dev.fsconform.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The 64-bit architectures fsconform runs on, with the syscall numbers the sandbox needs.
 * aarch64 uses the generic table, which has no rename, link, unlink, symlink, mkdir or rmdir:
 * its libc implements them with the *at variants, so a rule naming them maps to nothing there.
 */
enum Arch {
    // AUDIT_ARCH_* = EM_* | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE (include/uapi/linux/audit.h)
    X86_64(0xC000003E, 317, Map.ofEntries(
            Map.entry("rename", 82), Map.entry("mkdir", 83), Map.entry("rmdir", 84),
            Map.entry("link", 86), Map.entry("unlink", 87), Map.entry("symlink", 88),
            Map.entry("mkdirat", 258), Map.entry("unlinkat", 263), Map.entry("renameat", 264),
            Map.entry("linkat", 265), Map.entry("symlinkat", 266), Map.entry("renameat2", 316))),
    AARCH64(0xC00000B7, 277, Map.of(
            "mkdirat", 34, "unlinkat", 35, "symlinkat", 36, "linkat", 37, "renameat", 38,
            "renameat2", 276));

    // Same numbers on every architecture since Linux 5.1's unified numbering.
    static final int LANDLOCK_CREATE_RULESET = 444;
    static final int LANDLOCK_ADD_RULE = 445;
    static final int LANDLOCK_RESTRICT_SELF = 446;
    static final int CLOSE_RANGE = 436;

    /** x86_64 runs x32 syscalls with this bit set in nr and the same AUDIT_ARCH_X86_64. */
    static final int X32_SYSCALL_BIT = 0x40000000;

    final int auditArch;
    final int seccompNr;
    private final Map<String, Integer> syscalls;

    Arch(int auditArch, int seccompNr, Map<String, Integer> syscalls) {
        this.auditArch = auditArch;
        this.seccompNr = seccompNr;
        this.syscalls = syscalls;
    }

    OptionalInt syscall(String name) {
        Integer nr = syscalls.get(name);
        return nr == null ? OptionalInt.empty() : OptionalInt.of(nr);
    }

    /** Names any supported architecture knows, so a policy is validated the same way everywhere. */
    static boolean knows(String name) {
        return knownNames().contains(name);
    }

    static SortedSet<String> knownNames() {
        SortedSet<String> names = new TreeSet<>();
        for (Arch a : values()) {
            names.addAll(a.syscalls.keySet());
        }
        return names;
    }

    static Optional<Arch> current() {
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    static Arch require(String what) throws SandboxException {
        return current().orElseThrow(() -> new SandboxException(SandboxException.Kind.SETUP,
                what + ": unsupported architecture " + System.getProperty("os.arch")
                        + " (supported: x86_64, aarch64)"));
    }

    String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
