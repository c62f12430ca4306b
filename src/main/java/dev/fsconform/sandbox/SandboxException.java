package dev.fsconform.sandbox;

import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Errno;

/**
 * A sandbox could not be applied or the command could not be started. The message is one line
 * naming the syscall, the errno and the path involved, so it can be shown to a user as is.
 */
public final class SandboxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Where it failed; callers map it to the exit statuses of env(1): 125, 127 and 126. */
    public enum Kind {
        /** Policy rejected or a restriction could not be applied; nothing was executed. */
        SETUP,
        /** The command was not found (on PATH). */
        NOT_FOUND,
        /** execve itself failed after the sandbox was applied. */
        EXEC
    }

    private final Kind kind;

    public SandboxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** "landlock_add_rule(/x, [...]): EINVAL (Invalid argument)". */
    static SandboxException syscall(String call, int errno) {
        return new SandboxException(Kind.SETUP, call + ": " + Errno.of(errno).describe());
    }

    /** The result when the call succeeded; otherwise a SETUP failure naming the call and its errno. */
    static CallResult check(CallResult r, String call) throws SandboxException {
        if (!r.succeeded()) {
            throw syscall(call, r.errno().number());
        }
        return r;
    }
}
