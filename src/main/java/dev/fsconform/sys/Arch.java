package dev.fsconform.sys;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The 64-bit architectures fsconform runs on, and every syscall number it uses: the one table.
 * aarch64 uses the generic table, which has no rename, link, unlink, symlink, mkdir or rmdir: its
 * libc implements them with the *at variants, so a seccomp rule naming them maps to nothing there.
 */
public enum Arch {
    // AUDIT_ARCH_* = EM_* | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE (include/uapi/linux/audit.h)
    X86_64(0xC000003E, 317, 217, Map.ofEntries(
            Map.entry("rename", 82), Map.entry("mkdir", 83), Map.entry("rmdir", 84),
            Map.entry("link", 86), Map.entry("unlink", 87), Map.entry("symlink", 88),
            Map.entry("mkdirat", 258), Map.entry("unlinkat", 263), Map.entry("renameat", 264),
            Map.entry("linkat", 265), Map.entry("symlinkat", 266), Map.entry("renameat2", 316))),
    AARCH64(0xC00000B7, 277, 61, Map.of(
            "mkdirat", 34, "unlinkat", 35, "symlinkat", 36, "linkat", 37, "renameat", 38,
            "renameat2", 276));

    // Same numbers on every architecture: added after Linux 5.1 unified the tables.
    static final int CLOSE_RANGE = 436;
    static final int FSOPEN = 430;
    static final int FSCONFIG = 431;
    static final int LANDLOCK_CREATE_RULESET = 444;
    static final int LANDLOCK_ADD_RULE = 445;
    static final int LANDLOCK_RESTRICT_SELF = 446;

    /** x86_64 runs x32 syscalls with this bit set in nr and the same AUDIT_ARCH_X86_64. */
    public static final int X32_SYSCALL_BIT = 0x40000000;

    private final int auditArch;
    private final int seccomp;
    private final int getdents64;
    /** The calls a seccomp policy may name, by their kernel names. */
    private final Map<String, Integer> fileCalls;

    Arch(int auditArch, int seccomp, int getdents64, Map<String, Integer> fileCalls) {
        this.auditArch = auditArch;
        this.seccomp = seccomp;
        this.getdents64 = getdents64;
        this.fileCalls = fileCalls;
    }

    /** The AUDIT_ARCH_* value a seccomp filter sees in seccomp_data.arch. */
    public int auditArch() {
        return auditArch;
    }

    int seccomp() {
        return seccomp;
    }

    int getdents64() {
        return getdents64;
    }

    int renameat2() {
        return fileCalls.get("renameat2");
    }

    /** The number of a file-system call on this architecture; empty when it has no such call. */
    public OptionalInt syscall(String name) {
        Integer nr = fileCalls.get(name);
        return nr == null ? OptionalInt.empty() : OptionalInt.of(nr);
    }

    /** Names any supported architecture knows, so a policy is validated the same way everywhere. */
    public static boolean knows(String name) {
        return knownNames().contains(name);
    }

    public static SortedSet<String> knownNames() {
        SortedSet<String> names = new TreeSet<>();
        for (Arch a : values()) {
            names.addAll(a.fileCalls.keySet());
        }
        return names;
    }

    /** The architecture this JVM runs on; empty on one fsconform has no numbers for. */
    public static Optional<Arch> current() {
        return switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
