package dev.fsconform.verdict;

import dev.fsconform.result.CellKey;
import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Signals;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Placement;
import dev.fsconform.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One plain-English paragraph a user can paste into a bug report: which calls fail, where, because
 * of what, and the usual fix. Built only from the graded cells and their causes.
 */
final class Diagnosis {
    /** uv's cache write and other temp-then-rename code: the examples a reader recognises first. */
    private static final List<CellKey> TYPICAL = List.of(new CellKey(CellKey.PATTERN, "uv-cache-persist"),
            new CellKey("rename", "dir-cross-dir"), new CellKey("rename", "file-cross-dir"),
            new CellKey("rename", "seeded-dir-cross-dir"), new CellKey("renameat2-noreplace", "file-same-dir"));

    private Diagnosis() {
    }

    static String of(EnvironmentResult env, List<GradedCell> cells, List<GradedCell> findings, List<Cause> causes) {
        if (env.status() != EnvStatus.RAN) {
            return "'" + env.name() + "' did not run (" + env.status() + (env.reason() == null ? "" : ": " + env.reason())
                    + "), so nothing was graded.";
        }
        List<GradedCell> graded = cells.stream().filter(GradedCell::graded).toList();
        StringBuilder b = new StringBuilder("fsconform probed '" + env.name() + "'" + where(env));
        if (graded.isEmpty()) {
            return b.append(": nothing was graded (").append(cells.size()).append(" cells, none ran), so this says nothing "
                    + "about the environment.").toString();
        }
        if (findings.isEmpty()) {
            long acceptable = graded.stream().filter(c -> c.grade() == Grade.ACCEPTABLE).count();
            b.append(": all ").append(graded.size()).append(" graded cells behave as POSIX and Linux promise (")
                    .append(graded.size() - acceptable).append(" expected, ").append(acceptable).append(" acceptable")
                    .append(acceptableCauses(graded, causes)).append(").");
            return b.toString();
        }
        b.append(": ").append(findings.size()).append(" of ").append(graded.size()).append(" graded cells are findings (")
                .append(count(findings, Grade.FORBIDDEN)).append(" forbidden, ").append(count(findings, Grade.SURPRISING))
                .append(" surprising, ").append(count(findings, Grade.UNKNOWN)).append(" unknown).");
        for (Cause cause : causes) {
            List<GradedCell> mine = findings.stream().filter(f -> f.causes().stream().anyMatch(c -> c.id().equals(cause.id()))).toList();
            if (!mine.isEmpty()) {
                b.append(' ').append(sentence(cause, mine));
            }
        }
        forbidden(findings, b);
        unknown(findings, b);
        if (findings.stream().anyMatch(f -> f.observation().operation().equals("mv") && "COPIED".equals(f.observation().outcome()))) {
            b.append(" mv succeeded by copying where rename failed, so a working mv proves nothing about rename.");
        }
        return b.toString();
    }

    private static String sentence(Cause cause, List<GradedCell> mine) {
        String ops = Ops.describe(mine.stream().map(f -> f.observation().operation()).toList());
        Set<String> outcomes = mine.stream().map(f -> Signals.outcome(f.observation())).collect(Collectors.toCollection(LinkedHashSet::new));
        GradedCell example = TYPICAL.stream().flatMap(k -> mine.stream().filter(f -> f.observation().cell().equals(k)))
                .findFirst().orElse(mine.get(0));
        List<String> key = cause.evidence().stream().filter(e -> !e.startsWith("control:") && !e.startsWith("…")).limit(2).toList();
        return mine.size() + (mine.size() == 1 ? " cell fails" : " cells fail") + " because " + cause.title()
                + " [" + cause.id() + "]: " + ops + " " + placement(mine) + " give "
                + String.join(", ", outcomes) + " (e.g. " + CellLabel.of(example.observation()) + " → "
                + Signals.outcome(example.observation()) + ")"
                + (key.isEmpty() ? "" : "; " + String.join("; ", key)) + ". Usual fix: " + cause.fix() + ".";
    }

    /** Where the failing cells sit, in words: across mounts, when the parent changes, lower-layer dirs, patterns. */
    private static String placement(List<GradedCell> mine) {
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> patterns = new LinkedHashSet<>();
        Set<String> tools = new LinkedHashSet<>();
        for (GradedCell f : mine) {
            Observation o = f.observation();
            Scenario s = Scenario.parse(o.scenario()).orElse(null);
            if (CellKey.APP.equals(o.operation())) {
                tools.add(o.scenario());
            } else if (s == null) {
                patterns.add(o.scenario());
            } else if (s.crossMount()) {
                kinds.add("across mounts");
            } else if (s.seeded() && s.source().directory()) {
                kinds.add("on lower-layer directories");
            } else if (s.placement() == Placement.CROSS_DIR) {
                kinds.add("when the parent directory changes");
            } else {
                kinds.add("within one directory");
            }
        }
        if (!patterns.isEmpty()) {
            kinds.add("in the application patterns " + String.join(", ", patterns));
        }
        if (!tools.isEmpty()) {
            kinds.add("in the real tools " + String.join(", ", tools));
        }
        return String.join(" and ", kinds);
    }

    private static void forbidden(List<GradedCell> findings, StringBuilder b) {
        List<GradedCell> bad = findings.stream().filter(f -> f.grade() == Grade.FORBIDDEN).toList();
        if (!bad.isEmpty()) {
            b.append(" Forbidden (wrong state or data lost): ").append(examples(bad)).append(" — ").append(bad.get(0).rationale()).append('.');
        }
    }

    private static void unknown(List<GradedCell> findings, StringBuilder b) {
        List<GradedCell> unknown = findings.stream().filter(f -> f.grade() == Grade.UNKNOWN).toList();
        if (!unknown.isEmpty()) {
            b.append(' ').append(unknown.size()).append(" cells have no expectation yet (").append(examples(unknown))
                    .append("); the expectation table must grow.");
        }
    }

    private static String examples(List<GradedCell> cells) {
        List<String> shown = new ArrayList<>();
        cells.stream().limit(3).forEach(c -> shown.add(CellLabel.of(c.observation()) + " → " + Signals.outcome(c.observation())));
        return String.join(", ", shown) + (cells.size() > 3 ? " and " + (cells.size() - 3) + " more" : "");
    }

    /** "; acceptable failures explained by seccomp (ENOSYS), mount-boundary (EXDEV, COPIED)". */
    private static String acceptableCauses(List<GradedCell> graded, List<Cause> causes) {
        if (causes.isEmpty()) {
            return "";
        }
        return "; acceptable failures explained by " + causes.stream().map(c -> c.id() + " (" + graded.stream()
                .filter(g -> g.causes().stream().anyMatch(x -> x.id().equals(c.id())))
                .map(g -> Signals.outcome(g.observation())).distinct().collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
    }

    private static long count(List<GradedCell> cells, Grade g) {
        return cells.stream().filter(c -> c.grade() == g).count();
    }

    private static String where(EnvironmentResult env) {
        if (env.fingerprint() == null) {
            return "";
        }
        String dirs = env.fingerprint().mounts().stream().map(Diagnosis::mount).collect(Collectors.joining(", "));
        return " (kernel " + env.fingerprint().kernel() + (dirs.isEmpty() ? "" : "; " + dirs) + ")";
    }

    private static String mount(MountFacts m) {
        return m.path() + " on " + (MountFacts.UNKNOWN.equals(m.fsType()) ? m.statfsType() : m.fsType());
    }
}
