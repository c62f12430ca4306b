package dev.fsconform.container;

import dev.fsconform.operation.Family;
import dev.fsconform.result.CellKey;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the kernel must answer in a container environment, whatever the machine: only facts that follow
 * from the environment's labels and mounts (storage driver, mount kind, seccomp profile), each with its
 * reason. Cells without such a fact are held to the invariant that nothing injects errors.
 */
final class ContainerFacts {
    record Fact(Set<String> outcomes, String why) {
    }

    static final Set<String> MOVES = Family.SIMPLE_MOVE.ids();
    static final Set<String> RENAMEAT2 = Family.RENAMEAT2_ALL.ids();
    static final Set<String> SEEDED_DIRS = Set.of("seeded-dir-same-dir", "seeded-dir-cross-dir", "seeded-emptydir-same-dir",
            "seeded-emptydir-cross-dir");
    static final Set<String> FRESH_DIRS = Set.of("dir-same-dir", "dir-cross-dir", "emptydir-same-dir", "emptydir-cross-dir");
    static final Set<String> INJECTED = Set.of("ENOSYS", "EPERM", "EACCES");

    private ContainerFacts() {
    }

    static Optional<Fact> of(EnvironmentResult env, Observation o) {
        Map<String, String> l = env.fingerprint().labels();
        String driver = l.get(Labels.DRIVER);
        String mount = l.get(Labels.MOUNT);
        String op = o.operation();
        String sc = o.scenario();
        if ("runsc".equals(l.get(Labels.RUNTIME))) {
            Optional<Fact> gvisor = gvisor(o, mount);
            if (gvisor.isPresent()) {
                return gvisor;
            }
        }
        if (blocksRenameat2(env) && RENAMEAT2.contains(op)) {
            return fact("the seccomp profile answers renameat2 with ENOSYS", "ENOSYS");
        }
        if (SEEDED_DIRS.contains(sc) && MOVES.contains(op)) {
            if ("volume".equals(mount)) {
                return fact("the engine copied the seed tree into the volume: plain directories", "OK");
            }
            // overlay2 (Docker), overlay (podman, also with fuse-overlayfs as its mount program), fuse-overlayfs.
            if (driver != null && (driver.startsWith("overlay") || driver.equals("fuse-overlayfs")) && !redirectDir(env)) {
                return fact(driver + " cannot move a directory of a lower (image) layer without redirect_dir", "EXDEV");
            }
            if (Set.of("vfs", "btrfs").contains(driver)) {
                return fact(driver + " gives each container a full copy or snapshot: no layers to move between", "OK");
            }
        }
        if (FRESH_DIRS.contains(sc) && (MOVES.contains(op) || "files-move-atomic".equals(op))) {
            return fact("a directory made in the container's own layer or mount moves on every driver", "OK");
        }
        if (sc.startsWith("cross-mount-")) {
            String why = mount + " and the rootfs are different mounts: the VFS refuses before the filesystem is asked";
            if (MOVES.contains(op) || RENAMEAT2.contains(op)) {
                return fact(why, "EXDEV");
            }
            if ((op.equals("link") || op.equals("linkat")) && !sc.contains("-onto-")) {
                return fact(why, "EXDEV");
            }
            if (op.equals("files-move-atomic")) {
                return fact(why + " (ATOMIC_MOVE is rename(2))", "AtomicMoveNotSupportedException");
            }
        }
        return Optional.empty();
    }

    /** gVisor's sentry answers rename itself: its own overlay on the rootfs, its gofer (9p) on volumes. */
    private static Optional<Fact> gvisor(Observation o, String mount) {
        String op = o.operation();
        if (op.equals("renameat2-exchange") || op.equals("renameat2-whiteout")) {
            return fact("gVisor implements neither RENAME_EXCHANGE nor RENAME_WHITEOUT", "EINVAL");
        }
        boolean gofer = o.where() != null && "9p".equals(o.where().sourceFs()) && "9p".equals(o.where().targetFs());
        if (op.equals("renameat2-noreplace") && gofer) {
            return fact("gVisor's gofer mounts (volumes) refuse RENAME_NOREPLACE", "EINVAL");
        }
        if (SEEDED_DIRS.contains(o.scenario()) && MOVES.contains(op)) {
            return "volume".equals(mount) ? fact("the engine copied the seed tree into the volume: plain directories", "OK")
                    : fact("gVisor's own overlay copies an image-layer directory up to rename it", "COPIED");
        }
        return Optional.empty();
    }

    /** ENOSYS, EPERM and EACCES only come from a filter or policy; only the blocking profile has one. */
    static boolean mayInject(EnvironmentResult env, Observation o) {
        // Patterns and real tools call renameat2 themselves (GNU mv, for one).
        return blocksRenameat2(env) && (RENAMEAT2.contains(o.operation()) || CellKey.PATTERN.equals(o.operation())
                || CellKey.APP.equals(o.operation()))
                && "ENOSYS".equals(o.outcome());
    }

    static boolean blocksRenameat2(EnvironmentResult env) {
        return env.fingerprint().labels().getOrDefault(Labels.SECCOMP, "").startsWith("seccomp-renameat2-enosys");
    }

    /** An overlay whose kernel or mount turned redirect_dir on moves lower directories fine. */
    private static boolean redirectDir(EnvironmentResult env) {
        return env.fingerprint().mounts().stream().filter(m -> "primary".equals(m.role())).map(MountFacts::superOptions)
                .anyMatch(s -> s != null && s.contains("redirect_dir=on"));
    }

    private static Optional<Fact> fact(String why, String... outcomes) {
        return Optional.of(new Fact(Set.of(outcomes), why));
    }
}
