package dev.fsconform.result;

import java.util.List;

/**
 * What a real tool did in an {@code app} cell, beyond its outcome: how it was observed, its exit
 * status, the rename-family calls that failed (as strace printed them, resolved paths), what it did
 * next, and the catalogue shape of the call that decided the cell, so that cause rules compare it
 * with the same controls as a syscall cell.
 *
 * @param tool the tool's version line ("git version 2.39.5")
 * @param tracing {@code strace}, or {@code not traced: WHY} (ptrace denied, no strace here)
 * @param exitStatus the first non-zero exit status of the job's steps, else 0
 * @param failedCalls the calls that failed, each once with a count ("renameat2(a, b, RENAME_NOREPLACE) = -1 EXDEV ×3")
 * @param fallback what the tool did after the deciding call: "copied 1 file, then removed the source", "retried: rename = 0", "gave up"; null when nothing failed
 * @param shapeOperation the deciding call as a catalogue operation ({@code renameat2-noreplace}), or null
 * @param shapeScenario the deciding call as a catalogue scenario ({@code dir-cross-dir}), or null
 */
public record AppTrace(String tool, String tracing, int exitStatus, List<String> failedCalls, String fallback,
                       String shapeOperation, String shapeScenario) {
    public static final String TRACED = "strace";

    public AppTrace {
        failedCalls = failedCalls == null ? List.of() : List.copyOf(failedCalls);
    }

    public boolean traced() {
        return TRACED.equals(tracing);
    }
}
