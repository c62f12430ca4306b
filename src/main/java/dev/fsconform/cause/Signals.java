package dev.fsconform.cause;

import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Kind;
import dev.fsconform.scenario.Scenario;
import java.util.Set;

/** What an outcome says about the rename underneath it, including EXDEV that Java or mv hid. */
public final class Signals {
    /** Errnos a sandbox injects instead of letting the kernel answer. */
    static final Set<String> INJECTABLE = Set.of("ENOSYS", "EPERM", "EINVAL", "EACCES");

    private Signals() {
    }

    /**
     * True when rename(2) or link(2) answered EXDEV: directly, through Java's
     * AtomicMoveNotSupportedException, or hidden by a copy fallback (COPIED; Files.move refusing to
     * copy a non-empty directory it could not rename).
     */
    public static boolean exdev(Observation o) {
        if (!o.ran()) {
            return false;
        }
        if ("EXDEV".equals(o.outcome()) || "EXDEV".equals(o.errnoName()) || "COPIED".equals(o.outcome())) {
            return true;
        }
        return "DirectoryNotEmptyException".equals(o.exception()) && o.operation().startsWith("files-move")
                && Scenario.parse(o.scenario()).map(s -> s.source() == Kind.DIR && s.target() != Kind.DIR).orElse(false);
    }

    /** The errno behind a cell that ran (its own, or the one Java or mv reported), else its outcome; null when it did not run. */
    static String errno(Observation o) {
        if (!o.ran()) {
            return null;
        }
        return o.errnoName() != null ? o.errnoName() : o.outcome();
    }

    /** The errno a sandbox may have injected (ENOSYS, EPERM, EINVAL, EACCES), or null. */
    static String injectable(Observation o) {
        String e = errno(o);
        return INJECTABLE.contains(e) ? e : null;
    }

    /** Whether this cell needs explaining even when its grade is not a finding. */
    public static boolean needsCause(Observation o) {
        return exdev(o) || "ENOSYS".equals(injectable(o));
    }

    /** A control is clean when it ran and did not show the failure being explained. */
    static boolean clean(Observation control, String failure) {
        if (control == null || !control.ran() || "PARTIAL".equals(control.outcome())) {
            return false;
        }
        return "EXDEV".equals(failure) ? !exdev(control) : !failure.equals(injectable(control));
    }

    /** "OK", "EXDEV", "COPIED", "FileSystemException(EISDIR)": one outcome as reports print it. */
    public static String outcome(Observation o) {
        if (!o.ran()) {
            return o.status().name();
        }
        return o.errnoName() != null && !o.errnoName().equals(o.outcome()) ? o.outcome() + "(" + o.errnoName() + ")" : o.outcome();
    }
}
