package dev.fsconform.sandbox;

import dev.fsconform.input.Quote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Landlock filesystem ruleset: the rights it handles (everything handled is denied unless a rule
 * grants it) and the rules granting rights beneath paths. Immutable; presets mirror the sandboxes
 * whose EXDEV behaviour fsconform has to explain.
 */
public record LandlockPolicy(String name, Set<Access> handledAccess, Map<Path, Set<Access>> rules) {

    /** LANDLOCK_ACCESS_FS_* with the kernel bit and the ABI that introduced it. */
    public enum Access {
        EXECUTE(1), WRITE_FILE(1), READ_FILE(1), READ_DIR(1), REMOVE_DIR(1), REMOVE_FILE(1),
        MAKE_CHAR(1), MAKE_DIR(1), MAKE_REG(1), MAKE_SOCK(1), MAKE_FIFO(1), MAKE_BLOCK(1),
        MAKE_SYM(1), REFER(2), TRUNCATE(3), IOCTL_DEV(5);

        private final int sinceAbi;

        Access(int sinceAbi) {
            this.sinceAbi = sinceAbi;
        }

        /** The kernel's bit: declaration order is the bit order of include/uapi/linux/landlock.h. */
        public long bit() {
            return 1L << ordinal();
        }

        public int sinceAbi() {
            return sinceAbi;
        }

        /** The kernel rejects (EINVAL) directory-only rights in a rule on a non-directory. */
        public boolean appliesToFiles() {
            return this == EXECUTE || this == WRITE_FILE || this == READ_FILE || this == TRUNCATE
                    || this == IOCTL_DEV;
        }

        public static long mask(Collection<Access> access) {
            return access.stream().mapToLong(Access::bit).reduce(0L, (a, b) -> a | b);
        }

        public static Set<Access> supportedBy(int abi) {
            EnumSet<Access> s = EnumSet.noneOf(Access.class);
            for (Access a : values()) {
                if (a.sinceAbi <= abi) {
                    s.add(a);
                }
            }
            return s;
        }
    }

    static final Set<Access> ALL = EnumSet.allOf(Access.class);
    static final Set<Access> ABI1 = Access.supportedBy(1);
    static final Set<Access> READ_EXECUTE = EnumSet.of(Access.EXECUTE, Access.READ_FILE, Access.READ_DIR);
    /** The preset that asks for every right and takes what the kernel offers, as agent sandboxes do. */
    public static final String BEST_EFFORT = "best-effort";
    private static final List<String> NAMES = List.of("refer", "no-refer", "abi1", "agent", "agent-refer", BEST_EFFORT);
    /** Programs write to /dev/null everywhere; denying it would add failures unrelated to renames. */
    private static final Path DEV_NULL = Path.of("/dev/null");

    public LandlockPolicy {
        Objects.requireNonNull(name, "name");
        handledAccess = frozen(handledAccess);
        if (handledAccess.isEmpty()) {
            throw new IllegalArgumentException("Landlock policy " + Quote.of(name) + " handles no access right");
        }
        Map<Path, Set<Access>> copy = new LinkedHashMap<>();
        for (Map.Entry<Path, Set<Access>> rule : rules.entrySet()) {
            Path path = rule.getKey().toAbsolutePath().normalize();
            Set<Access> granted = frozen(rule.getValue());
            if (!handledAccess.containsAll(granted)) {
                EnumSet<Access> extra = EnumSet.copyOf(granted);
                extra.removeAll(handledAccess);
                throw new IllegalArgumentException("Landlock policy " + Quote.of(name) + " grants " + extra
                        + " on " + path + " without handling it (the kernel rejects that with EINVAL)");
            }
            copy.merge(path, granted, (a, b) -> frozen(union(a, b)));
        }
        rules = Collections.unmodifiableMap(copy);
    }

    /** Handles every right including REFER and grants REFER beneath the writable directories. */
    public static LandlockPolicy referGranted(List<Path> rwDirs) {
        return readOnlySystem("refer", ALL, rwDirs, ALL);
    }

    /** Handles REFER without granting it: every cross-directory rename or link is denied. */
    public static LandlockPolicy referDenied(List<Path> rwDirs) {
        return readOnlySystem("no-refer", ALL, rwDirs, without(ALL, Access.REFER));
    }

    /**
     * Asks for every right, REFER granted, and degrades to what the running kernel supports instead
     * of refusing: on ABI 1 REFER silently goes, and cross-directory renames fail with EXDEV.
     */
    public static LandlockPolicy bestEffort(List<Path> rwDirs) {
        return readOnlySystem(BEST_EFFORT, ALL, rwDirs, ALL);
    }

    /** The preset names {@link #parse} takes. */
    public static List<String> presets() {
        return NAMES;
    }

    /** Whether the ruleset handles this right: if it does, only the rules below grant it. */
    public boolean handles(Access a) {
        return handledAccess.contains(a);
    }

    /** Whether some rule grants this right beneath a directory. */
    public boolean grants(Access a) {
        return rules.values().stream().anyMatch(granted -> granted.contains(a));
    }

    /** Whether rights the kernel lacks are dropped rather than refused. */
    public boolean degrades() {
        return BEST_EFFORT.equals(name);
    }

    /** Handles only ABI-1 rights, as a sandbox written for Linux 5.13 to 5.18 does. */
    public static LandlockPolicy abi1(List<Path> rwDirs) {
        return readOnlySystem("abi1", ABI1, rwDirs, ABI1);
    }

    /** Read-only system, writable workspace, cache and /tmp: how coding-agent sandboxes look. */
    public static LandlockPolicy agentSandbox(Path workspace, Path cache, boolean withRefer) {
        return agent(List.of(workspace, cache), withRefer);
    }

    private static LandlockPolicy agent(List<Path> writable, boolean withRefer) {
        List<Path> dirs = new ArrayList<>(writable);
        dirs.add(Path.of("/tmp"));
        return readOnlySystem(withRefer ? "agent-refer" : "agent", ALL, dirs,
                withRefer ? ALL : without(ALL, Access.REFER));
    }

    /**
     * Policy for a CLI name. Every name needs at least one writable directory; for {@code agent}
     * the first is the workspace and the others (a cache, say) are writable too, as is /tmp.
     */
    public static LandlockPolicy parse(String spec, List<Path> rwDirs) {
        String s = spec.trim();
        if (!NAMES.contains(s)) {
            throw new IllegalArgumentException("unknown Landlock policy " + Quote.of(spec) + " (valid: "
                    + String.join(", ", NAMES) + ")");
        }
        if (rwDirs.isEmpty()) {
            throw new IllegalArgumentException("Landlock policy '" + s + "' needs at least one --rw DIR");
        }
        return switch (s) {
            case "refer" -> referGranted(rwDirs);
            case "no-refer" -> referDenied(rwDirs);
            case "abi1" -> abi1(rwDirs);
            case "agent" -> agent(rwDirs, false);
            case BEST_EFFORT -> bestEffort(rwDirs);
            default -> agent(rwDirs, true);
        };
    }

    private static LandlockPolicy readOnlySystem(String name, Set<Access> handled, List<Path> rwDirs,
            Set<Access> rw) {
        Map<Path, Set<Access>> rules = new LinkedHashMap<>();
        rules.put(Path.of("/"), READ_EXECUTE);
        EnumSet<Access> devNull = EnumSet.noneOf(Access.class);
        handled.stream().filter(Access::appliesToFiles).forEach(devNull::add);
        devNull.remove(Access.EXECUTE);
        rules.put(DEV_NULL, devNull);
        for (Path dir : rwDirs) {
            rules.merge(dir.toAbsolutePath().normalize(), rw, LandlockPolicy::union);
        }
        return new LandlockPolicy(name, handled, rules);
    }

    private static Set<Access> frozen(Collection<Access> access) {
        EnumSet<Access> s = EnumSet.noneOf(Access.class);
        s.addAll(access);
        return Collections.unmodifiableSet(s);
    }

    private static Set<Access> union(Set<Access> a, Set<Access> b) {
        EnumSet<Access> s = EnumSet.noneOf(Access.class);
        s.addAll(a);
        s.addAll(b);
        return s;
    }

    private static Set<Access> without(Set<Access> a, Access removed) {
        EnumSet<Access> s = EnumSet.noneOf(Access.class);
        s.addAll(a);
        s.remove(removed);
        return s;
    }
}
