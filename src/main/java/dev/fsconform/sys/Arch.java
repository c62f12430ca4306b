package dev.fsconform.sys;

import java.util.Locale;

/** Syscall numbers that differ between the architectures we support. */
enum Arch {
    X86_64(316, 444),
    AARCH64(276, 444);

    final int renameat2;
    final int landlockCreateRuleset;

    Arch(int renameat2, int landlockCreateRuleset) {
        this.renameat2 = renameat2;
        this.landlockCreateRuleset = landlockCreateRuleset;
    }

    static Arch current() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return X86_64;
            case "aarch64":
            case "arm64":
                return AARCH64;
            default:
                throw new NativeUnavailableException("unsupported architecture '" + arch
                        + "': fsconform knows the syscall numbers of x86_64 and aarch64 only");
        }
    }
}
