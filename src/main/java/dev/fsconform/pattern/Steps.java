package dev.fsconform.pattern;

import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Errno;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The call log of one pattern run: each step as {@code call(a, b) = RESULT}. The first failing step
 * is what the pattern reports, unless the pattern itself falls back.
 */
final class Steps {
    private final Path base;
    private final List<String> log = new ArrayList<>();
    private String failedCall;
    private Errno failedErrno;

    Steps(Path base) {
        this.base = base;
    }

    /** Runs a native step; returns whether it succeeded. */
    boolean call(String name, Path a, Path b, Supplier<CallResult> step) {
        CallResult r = step.get();
        String text = name + "(" + rel(a) + (b == null ? "" : ", " + rel(b)) + ") = " + (r.succeeded() ? "0" : r.errno().name());
        log.add(text);
        if (!r.succeeded() && failedCall == null) {
            failedCall = text;
            failedErrno = r.errno();
        }
        return r.succeeded();
    }

    /** A step that is not a native call (write, copy): recorded for the reader, failures as exceptions. */
    void note(String text) {
        log.add(text);
    }

    /** The pattern recovered from the failure it logged; the failure stays in the log, not the outcome. */
    void recovered() {
        failedCall = null;
        failedErrno = null;
    }

    String failedCall() {
        return failedCall;
    }

    Errno failedErrno() {
        return failedErrno;
    }

    String log() {
        return String.join("; ", log);
    }

    private String rel(Path p) {
        return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    }
}
