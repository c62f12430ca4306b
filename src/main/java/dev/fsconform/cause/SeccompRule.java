package dev.fsconform.cause;

import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * seccomp never makes EXDEV, but a filter injects ENOSYS or EPERM (or EINVAL, EACCES) for the
 * syscalls it blocks. The tell: the errno follows the syscall, not the fixture, and the process
 * runs in seccomp filter mode.
 */
final class SeccompRule {
    private SeccompRule() {
    }

    static Optional<Evidence> apply(Context c) {
        String errno = Signals.injectable(c.cell());
        Fingerprint fp = c.fp();
        if (errno == null || fp == null || fp.seccompMode() != 2 || filesystemRefusesByItself(c, errno)) {
            return Optional.empty();
        }
        List<Observation> clean = c.controls().sameScenario(c.cell()).stream()
                .filter(o -> Signals.clean(o, errno)).toList();
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        Observation control = clean.stream().filter(o -> !o.operation().startsWith("renameat2")).findFirst().orElse(clean.get(0));
        Evidence e = new Evidence()
                .add("Seccomp: 2 (filter mode), " + fp.seccompFilters() + " filter(s) on the probe's process")
                .add("control: " + Context.show(c.cell()) + " while " + Context.show(control) + " on the same fixture")
                .add(c.controls().once("seccomp-" + errno, () -> byOperation(c, errno)));
        if (c.cell().operation().equals("mv")) {
            e.add("mv calls renameat2(RENAME_NOREPLACE) first; GNU mv falls back on ENOSYS or EINVAL but not on " + errno);
        }
        return Optional.of(e);
    }

    /**
     * Kernel overlayfs answers EINVAL to RENAME_WHITEOUT with or without a filter, so a filter in the
     * process cannot be told apart from the filesystem there: the cell is left to the expectation row.
     */
    private static boolean filesystemRefusesByItself(Context c, String errno) {
        String fs = c.where() == null ? null : c.where().sourceFs();
        return "EINVAL".equals(errno) && "renameat2-whiteout".equals(c.cell().operation())
                && ("overlay".equals(fs) || "overlayfs".equals(fs));
    }

    /** "answering ENOSYS: renameat2 48/48, renameat2-noreplace 48/48 …; never: rename, link …". */
    private static String byOperation(Context c, String errno) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Observation o : c.controls().env().cells()) {
            if (o.ran()) {
                long[] n = counts.computeIfAbsent(o.operation(), k -> new long[2]);
                n[1]++;
                if (errno.equals(Signals.injectable(o))) {
                    n[0]++;
                }
            }
        }
        String hit = counts.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1]).collect(Collectors.joining(", "));
        String never = counts.entrySet().stream().filter(e -> e.getValue()[0] == 0)
                .map(Map.Entry::getKey).collect(Collectors.joining(", "));
        return "calls answering " + errno + ": " + hit + (never.isEmpty() ? "" : "; never: " + never);
    }
}
