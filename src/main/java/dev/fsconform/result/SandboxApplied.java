package dev.fsconform.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox an environment applied around the probe, as its launcher declared it: a process cannot
 * read its own Landlock domain, and a seccomp policy or gVisor is known by the name it was asked for.
 * Results record it as the fingerprint's {@code sandbox} (schema 3). The probe's command line takes
 * it as labels, and results before schema 3 carried it in labels; {@link #fromLabels} reads both, so
 * the rest of fsconform sees only this record.
 *
 * @param landlock the Landlock ruleset, or null when none was applied
 * @param seccomp the seccomp policy preset, or null
 * @param runtime the runtime that ran the probe instead of Linux ({@code runsc}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxApplied(Landlock landlock, String seccomp, String runtime) {
    public static final SandboxApplied NONE = new SandboxApplied(null, null, null);
    /** The label keys, one per fact: what {@code probe --label} takes and files before schema 3 hold. */
    public static final String LANDLOCK_POLICY = "landlock.policy";
    public static final String LANDLOCK_REFER = "landlock.refer";
    public static final String SECCOMP = "sandbox.seccomp";
    public static final String RUNTIME = "sandbox.runtime";
    /** Whether the probe runs Landlock-restricted at all, for a launcher that names no policy. */
    public static final String LANDLOCK_RESTRICTED = "landlock.restricted";
    /** Written next to landlock.policy, with the same value, before schema 3. */
    private static final String LANDLOCK_POLICY_BEFORE_3 = "sandbox.landlock";

    /**
     * A Landlock ruleset: its preset name (or a launcher's own name; {@code none} declares that no
     * ruleset is in force) and what it does with REFER, the right that decides cross-directory renames.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Landlock(String policy, Refer refer) {
        public Landlock {
            refer = refer == null ? Refer.UNKNOWN : refer;
        }

        /** "Landlock no-refer (REFER denied)". */
        public String describe() {
            return "Landlock " + (policy == null ? "(policy not named)" : policy) + " (REFER " + refer.id().replace('-', ' ') + ")";
        }

        /** Declared as no ruleset, or as one that grants REFER: then Landlock cannot make EXDEV. */
        public boolean allowsRefer() {
            return "none".equals(policy) || refer == Refer.GRANTED;
        }
    }

    /** What a ruleset does with LANDLOCK_ACCESS_FS_REFER on the writable directories. */
    public enum Refer {
        GRANTED, DENIED,
        /** An ABI 1 ruleset does not handle REFER, and then the kernel denies every reparenting. */
        NOT_HANDLED,
        /** A best-effort ruleset asked for REFER, and the kernel (ABI 1) does not have it. */
        DROPPED,
        UNKNOWN;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @JsonCreator
        public static Refer of(String id) {
            return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst().orElse(UNKNOWN);
        }

        /** A label's value: an id, or the words and booleans launchers wrote before schema 3. */
        static Refer fromLabel(String v) {
            if (v == null) {
                return UNKNOWN;
            }
            String s = v.strip().toLowerCase(Locale.ROOT);
            if (s.equals("true")) {
                return GRANTED;
            }
            if (s.equals("false")) {
                return DENIED;
            }
            if (s.startsWith("not handled")) {
                return NOT_HANDLED;
            }
            if (s.startsWith("dropped")) {
                return DROPPED;
            }
            return of(s);
        }
    }

    /** Labels split into the sandbox they declare, the declared Landlock restriction, and the rest. */
    public record Parsed(SandboxApplied sandbox, Boolean landlockRestricted, Map<String, String> rest) {
    }

    /** Reads the sandbox keys out of labels, once, at the edge (probe command line, results before schema 3). */
    public static Parsed fromLabels(Map<String, String> labels) {
        Map<String, String> rest = new LinkedHashMap<>(labels);
        String policy = rest.remove(LANDLOCK_POLICY);
        String before3 = rest.remove(LANDLOCK_POLICY_BEFORE_3);
        policy = policy == null ? before3 : policy;
        String refer = rest.remove(LANDLOCK_REFER);
        String restricted = rest.remove(LANDLOCK_RESTRICTED);
        Landlock landlock = policy == null && refer == null ? null : new Landlock(policy, Refer.fromLabel(refer));
        SandboxApplied s = new SandboxApplied(landlock, rest.remove(SECCOMP), rest.remove(RUNTIME));
        Boolean declared = restricted != null ? Boolean.valueOf(restricted.strip())
                : policy != null && !"none".equals(policy) ? Boolean.TRUE : null;
        return new Parsed(s.none() ? NONE : s, declared, Map.copyOf(rest));
    }

    /** The same facts as {@code probe --label} pairs, for the process that runs the probe. */
    public Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        if (landlock != null) {
            if (landlock.policy() != null) {
                l.put(LANDLOCK_POLICY, landlock.policy());
            }
            l.put(LANDLOCK_REFER, landlock.refer().id());
        }
        if (seccomp != null) {
            l.put(SECCOMP, seccomp);
        }
        if (runtime != null) {
            l.put(RUNTIME, runtime);
        }
        return l;
    }

    public boolean none() {
        return landlock == null && seccomp == null && runtime == null;
    }

    /** One line for evidence and pages: "Landlock no-refer (REFER denied), seccomp renameat2-enosys". */
    public String describe() {
        if (none()) {
            return "none declared";
        }
        StringBuilder b = new StringBuilder();
        if (landlock != null) {
            b.append(landlock.describe());
        }
        if (seccomp != null) {
            b.append(b.length() == 0 ? "" : ", ").append("seccomp ").append(seccomp);
        }
        if (runtime != null) {
            b.append(b.length() == 0 ? "" : ", ").append("runtime ").append(runtime);
        }
        return b.toString();
    }

    /** Keeps {@link #NONE} out of the JSON: Jackson excludes a value this filter equals. */
    static final class NoneFilter {
        @Override
        public boolean equals(Object o) {
            return o == null || (o instanceof SandboxApplied s && s.none());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
