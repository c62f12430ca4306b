package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.operation.Family;
import dev.fsconform.result.Observation;
import dev.fsconform.result.SandboxApplied;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Kernel behaviour that is certain (documented in the kernel sources and measured), as rules over
 * cells: which environments (by their YAML labels) and cells a rule covers, and the outcomes it
 * allows there. A rule returns null for a cell it says nothing about.
 */
final class KernelRules {
    record Rule(String name, String why, Predicate<Map<String, String>> environments, Function<LabCell, Set<String>> expected) {
    }

    private static final Set<String> EXDEV = Set.of("EXDEV");
    private static final Set<String> OK = Set.of("OK");
    private static final Set<String> SIMPLE_MOVES = Family.SIMPLE_MOVE.ids();

    private KernelRules() {
    }

    /** What the cell measured is among the outcomes each of its rules allows. */
    static void assertHolds(LabCell cell, List<Rule> rules) {
        Observation o = cell.obs();
        for (Rule rule : rules) {
            Set<String> allowed = rule.expected().apply(cell);
            assertThat(o.outcome()).as("%s: expected %s (%s), got %s %s", rule.name(), allowed, rule.why(),
                    o.outcome(), Objects.toString(o.detail(), "")).isIn(allowed);
        }
    }

    private static boolean is(Map<String, String> labels, String key, String... values) {
        return List.of(values).contains(labels.getOrDefault(key, ""));
    }

    static final List<Rule> ALL = List.of(
            new Rule("different mounts",
                    "fs/namei.c compares the two vfsmounts before anything else in rename (EXDEV), while link "
                            + "looks the new name up first (EEXIST onto an existing target)",
                    l -> is(l, "backend", "bind-pair", "pair", "nested-bind") && !l.containsKey(SandboxApplied.SECCOMP),
                    c -> !c.crossMount() ? null
                            : LabCell.RENAMES.contains(c.op()) ? EXDEV
                            : LabCell.LINKS.contains(c.op()) ? (c.targetExists() ? Set.of("EEXIST") : EXDEV)
                            : c.op().equals("files-move-atomic") ? Set.of("AtomicMoveNotSupportedException") : null),
            new Rule("btrfs subvolumes",
                    "btrfs refuses renames and links between subvolumes (EXDEV) after the VFS checks for a missing "
                            + "EXCHANGE target (ENOENT) and an existing NOREPLACE or link target (EEXIST)",
                    l -> "btrfs-subvolumes".equals(l.get("backend")),
                    c -> !c.crossMount() ? null
                            : c.op().equals("renameat2-exchange") && !c.targetExists() ? Set.of("ENOENT")
                            : (c.op().equals("renameat2-noreplace") || LabCell.LINKS.contains(c.op())) && c.targetExists() ? Set.of("EEXIST")
                            : LabCell.RENAMES.contains(c.op()) || LabCell.LINKS.contains(c.op()) ? EXDEV : null),
            new Rule("read-only mount",
                    "mnt_want_write refuses any change on a read-only mount with EROFS, after the VFS has looked up "
                            + "a link's new name (EEXIST onto an existing target)",
                    l -> "ro-bind".equals(l.get("backend")),
                    c -> !c.seeded() ? null
                            : LabCell.RENAMES.contains(c.op()) || c.op().equals("mv") ? Set.of("EROFS")
                            : LabCell.LINKS.contains(c.op()) ? Set.of(c.targetExists() ? "EEXIST" : "EROFS") : null),
            new Rule("Landlock without REFER",
                    "a ruleset that handles but does not grant LANDLOCK_ACCESS_FS_REFER (or ABI 1, which cannot "
                            + "grant it) makes every rename or link to another directory EXDEV; same-directory ones work",
                    l -> is(l, SandboxApplied.LANDLOCK_POLICY, "no-refer", "abi1", "agent"),
                    c -> c.targetExists() || c.crossMount() || c.seccompAnswers() ? null
                            : c.crossDir() && (SIMPLE_MOVES.contains(c.op()) || LabCell.LINKS.contains(c.op())) ? EXDEV
                            : c.sameDir() && !c.seeded() && (SIMPLE_MOVES.contains(c.op()) || LabCell.LINKS.contains(c.op())) ? OK
                            : null),
            new Rule("Landlock with REFER",
                    "a ruleset granting REFER lets a rename to another writable directory through",
                    l -> is(l, SandboxApplied.LANDLOCK_POLICY, "refer", "agent-refer"),
                    c -> !c.seeded() && !c.targetExists() && !c.crossMount() && SIMPLE_MOVES.contains(c.op()) ? OK : null),
            new Rule("overlayfs lower directories",
                    "fs/overlayfs ovl_can_move: a directory from a lower layer moves only with redirect_dir=on; "
                            + "without it every rename of it is EXDEV, even within its own directory",
                    l -> "overlay".equals(l.get("backend")) && !l.containsKey(SandboxApplied.LANDLOCK_POLICY),
                    c -> c.seeded() && c.directorySource() && !c.targetExists() && SIMPLE_MOVES.contains(c.op()) && !c.seccompAnswers()
                            ? (c.primaryMount().superOptions().contains("redirect_dir=on") ? OK : EXDEV) : null),
            new Rule("fuse-overlayfs lower directories",
                    "fuse-overlayfs has no redirects: a directory not wholly in the upper layer cannot be renamed",
                    l -> "fuse-overlayfs".equals(l.get("backend")),
                    c -> c.seeded() && c.directorySource() && !c.targetExists() && SIMPLE_MOVES.contains(c.op()) ? EXDEV : null),
            new Rule("seccomp renameat2 → ENOSYS",
                    "the filter answers every renameat2 call with ENOSYS before the kernel runs it; rename(2) is untouched",
                    l -> "renameat2-enosys".equals(l.get(SandboxApplied.SECCOMP)),
                    c -> c.op().startsWith("renameat2") ? Set.of("ENOSYS")
                            : c.op().equals("rename") && !c.seeded() && !c.targetExists() && !c.crossMount()
                            && !c.labels().containsKey(SandboxApplied.LANDLOCK_POLICY) && c.source().equals("file") ? OK : null),
            new Rule("seccomp renameat2 → EPERM",
                    "the filter answers every renameat2 call with EPERM",
                    l -> "renameat2-eperm".equals(l.get(SandboxApplied.SECCOMP)),
                    c -> c.op().startsWith("renameat2") ? Set.of("EPERM") : null),
            new Rule("seccomp rename → EPERM",
                    "the filter answers every rename(2) call with EPERM",
                    l -> "rename-eperm".equals(l.get(SandboxApplied.SECCOMP)),
                    c -> c.op().equals("rename") ? Set.of("EPERM") : null),
            new Rule("same-directory atomic replace",
                    "rename(2) of a file over another in the same directory must work everywhere (pip, dpkg, git)",
                    l -> !"rename-eperm".equals(l.get(SandboxApplied.SECCOMP)),
                    c -> c.op().equals("rename") && c.scenario().equals("file-onto-file-same-dir") ? OK : null));
}
