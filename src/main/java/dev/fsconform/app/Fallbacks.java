package dev.fsconform.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * From a tool's trace, exit status and end state to the cell's outcome, in the probe's vocabulary:
 * {@code OK} (worked, no call refused), {@code FALLBACK} (worked after a refused call, by copying or
 * retrying another way), {@code WRONG_STATE} (exited 0, end state wrong), the errno of the refused
 * call it gave up on, or {@code exit-N} when no call was refused. The one place that decides what a
 * failed call meant.
 */
final class Fallbacks {
    /**
     * Errnos that mean the environment refused: a sandbox or a filesystem boundary. ENOENT, EEXIST,
     * ENOTEMPTY … are the tools' own logic (git unlinks files that may not exist, links that may).
     */
    static final Set<String> REFUSALS = Set.of("EXDEV", "ENOSYS", "EPERM", "EACCES", "EINVAL", "EOPNOTSUPP", "EROFS");

    record Decision(String outcome, Call deciding, String fallback, List<String> failed) {
    }

    private Fallbacks() {
    }

    /** A copy_file_range refused is never decisive: every copier falls back to read and write. */
    static boolean refused(Call c) {
        return !c.ok() && !c.copies() && REFUSALS.contains(c.errno());
    }

    static Decision decide(List<Call> calls, int exitStatus, List<String> problems, Path base) {
        Call deciding = null;
        int at = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (refused(calls.get(i))) {
                deciding = calls.get(i);
                at = i;
                break;
            }
        }
        List<String> failed = failedSummary(calls, base);
        String fallback = deciding == null ? null : after(calls, at, exitStatus, base);
        String outcome;
        if (exitStatus == 0) {
            outcome = !problems.isEmpty() ? "WRONG_STATE" : deciding == null ? "OK" : "FALLBACK";
        } else {
            outcome = deciding == null ? "exit-" + exitStatus : deciding.errno();
        }
        return new Decision(outcome, deciding, fallback, failed);
    }

    /** What the tool did after the refused call at {@code at}, read from the calls that followed. */
    static String after(List<Call> calls, int at, int exitStatus, Path base) {
        Call refused = calls.get(at);
        int copies = 0;
        boolean removedSource = false;
        Call retry = null;
        for (int i = at + 1; i < calls.size(); i++) {
            Call c = calls.get(i);
            if (!c.ok()) {
                continue;
            }
            if (retry == null && c.moves() && (same(c.target(), refused.target()) || same(c.source(), refused.source()))) {
                retry = c;
            } else if (c.copies()) {
                copies++;
            } else if (c.removes() && refused.source() != null && c.source() != null && c.source().startsWith(refused.source())) {
                removedSource = true;
            }
        }
        if (retry != null) {
            return "retried: " + retry.show(base);
        }
        if (copies > 0 || removedSource) {
            String copied = copies > 0 ? "copied " + copies + (copies == 1 ? " file" : " files") + " (copy_file_range)" : "copied";
            return copied + (removedSource ? ", then removed the source" : "");
        }
        return exitStatus != 0 ? "gave up" : "went on without it (no other move, link or copy of it was traced)";
    }

    private static boolean same(Path a, Path b) {
        return a != null && a.equals(b);
    }

    /**
     * The refused calls once each, in order, with how often they happened; then one line for the
     * failures that are the tool's own logic (ENOENT from unlinking what may not exist …).
     */
    static List<String> failedSummary(List<Call> calls, Path base) {
        Map<String, Integer> refusals = new LinkedHashMap<>();
        Map<String, Integer> ordinary = new TreeMap<>();
        for (Call c : calls) {
            if (refused(c)) {
                refusals.merge(c.show(base), 1, Integer::sum);
            } else if (!c.ok()) {
                ordinary.merge(c.syscall() + " " + c.errno(), 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        refusals.entrySet().stream().limit(8)
                .forEach(e -> out.add(e.getValue() == 1 ? e.getKey() : e.getKey() + " ×" + e.getValue()));
        if (refusals.size() > 8) {
            out.add("… " + (refusals.size() - 8) + " more refused calls");
        }
        if (!ordinary.isEmpty()) {
            out.add("the tool's own expected failures: " + ordinary.entrySet().stream()
                    .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")));
        }
        return out;
    }
}
