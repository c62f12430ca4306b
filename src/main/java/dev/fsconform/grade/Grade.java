package dev.fsconform.grade;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an observed outcome compares with what the expectation table promises for its cell, in the
 * spirit of jcstress outcomes. Declared best first; {@link #severity()} orders findings, and ranks
 * UNKNOWN between SURPRISING and FORBIDDEN: an unexplained outcome may hide a forbidden one.
 */
public enum Grade {
    /** What POSIX/Linux promise on a plain local filesystem. */
    EXPECTED(0),
    /** Allowed and documented for this kind of environment (EXDEV across mounts, COPIED by Files.move). */
    ACCEPTABLE(1),
    /** Allowed by POSIX but breaks real programs (EXDEV for a same-mount cross-directory rename). */
    SURPRISING(2),
    /** Data lost or the wrong state left behind (NOREPLACE clobbered, EXCHANGE did not swap). */
    FORBIDDEN(4),
    /** No expectation row matched: the table must grow. */
    UNKNOWN(3);

    private final int severity;

    Grade(int severity) {
        this.severity = severity;
    }

    /** 0 for EXPECTED up to 4 for FORBIDDEN; higher is worse. */
    public int severity() {
        return severity;
    }

    /** The grades that are not findings: what a plain local filesystem and a documented environment give. */
    public static Set<Grade> passing() {
        return Arrays.stream(values()).filter(g -> !g.finding()).collect(Collectors.toUnmodifiableSet());
    }

    /** A finding is a cell a user should look at. */
    public boolean finding() {
        return this == SURPRISING || this == FORBIDDEN || this == UNKNOWN;
    }
}
