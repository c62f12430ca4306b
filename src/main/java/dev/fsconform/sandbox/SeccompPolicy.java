package dev.fsconform.sandbox;

import dev.fsconform.input.Quote;
import dev.fsconform.sys.Arch;
import dev.fsconform.sys.Errno;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Syscalls a seccomp filter answers with an errno instead of running them; everything else is
 * allowed. Models sandboxes that hide renameat2 (old-kernel images) or block it (strict profiles).
 */
public record SeccompPolicy(String name, List<Rule> rules) {
    /** Largest errno the kernel passes through SECCOMP_RET_ERRNO (MAX_ERRNO). */
    static final int MAX_ERRNO = 4095;
    private static final List<String> NAMES = List.of("renameat2-enosys", "renameat2-eperm", "rename-eperm");
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;

    /** One syscall, by its kernel name, and the errno it returns under the filter. */
    public record Rule(String syscall, int errno) {
        public Rule {
            Objects.requireNonNull(syscall, "syscall");
            if (!Arch.knows(syscall)) {
                throw new IllegalArgumentException("unknown syscall " + Quote.of(syscall) + " (known: "
                        + String.join(", ", Arch.knownNames()) + ")");
            }
            if (errno < 1 || errno > MAX_ERRNO) {
                throw new IllegalArgumentException("errno " + errno + " for " + syscall + " is outside 1.." + MAX_ERRNO);
            }
        }

        @Override
        public String toString() {
            return syscall + "=" + Errno.of(errno).name();
        }
    }

    public SeccompPolicy {
        Objects.requireNonNull(name, "name");
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("seccomp policy " + Quote.of(name) + " has no rule");
        }
        Set<String> seen = new HashSet<>();
        for (Rule r : rules) {
            if (!seen.add(r.syscall())) {
                throw new IllegalArgumentException("seccomp policy " + Quote.of(name) + " names " + r.syscall() + " twice");
            }
        }
    }

    /** renameat2 → ENOSYS, as under a sandbox or an old kernel that does not know it. */
    public static SeccompPolicy renameat2Enosys() {
        return new SeccompPolicy("renameat2-enosys", List.of(new Rule("renameat2", ENOSYS)));
    }

    /** renameat2 → EPERM, as under a profile that blocks it. */
    public static SeccompPolicy renameat2Eperm() {
        return new SeccompPolicy("renameat2-eperm", List.of(new Rule("renameat2", EPERM)));
    }

    /** rename and renameat → EPERM; renameat2 still works. */
    public static SeccompPolicy renameBlocked() {
        return new SeccompPolicy("rename-eperm", List.of(new Rule("rename", EPERM), new Rule("renameat", EPERM)));
    }

    /** The preset names {@link #parse} takes besides {@code SYSCALL=ERRNO} lists. */
    public static List<String> presets() {
        return NAMES;
    }

    /** A preset name or {@code SYSCALL=ERRNO[,SYSCALL=ERRNO]}, e.g. {@code renameat2=ENOSYS,linkat=EACCES}. */
    public static SeccompPolicy parse(String spec) {
        String s = spec.trim();
        SeccompPolicy preset = switch (s) {
            case "renameat2-enosys" -> renameat2Enosys();
            case "renameat2-eperm" -> renameat2Eperm();
            case "rename-eperm" -> renameBlocked();
            default -> null;
        };
        if (preset != null) {
            return preset;
        }
        if (!s.contains("=")) {
            throw new IllegalArgumentException("unknown seccomp policy " + Quote.of(spec) + " (valid: "
                    + String.join(", ", NAMES) + ", or SYSCALL=ERRNO[,SYSCALL=ERRNO])");
        }
        List<Rule> rules = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            String[] kv = part.split("=", -1);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new IllegalArgumentException("bad seccomp rule " + Quote.of(part) + " in " + Quote.of(spec)
                        + " (expected SYSCALL=ERRNO, e.g. renameat2=ENOSYS)");
            }
            String syscall = kv[0].trim().toLowerCase(Locale.ROOT);
            Errno errno = Errno.parse(kv[1]);
            if (errno == null) {
                throw new IllegalArgumentException("unknown errno " + Quote.of(kv[1].trim()) + " for " + Quote.bare(syscall)
                        + " (use a name such as ENOSYS, EPERM, EACCES, EXDEV, or a number)");
            }
            rules.add(new Rule(syscall, errno.number()));
        }
        return new SeccompPolicy(s, rules);
    }
}
