package dev.fsconform.cause;

import dev.fsconform.result.Boundary;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Outcomes gVisor's sentry decides, not Linux: it implements rename itself, so kernel overlayfs
 * rules do not apply there ({@link Causes.Scope}). Fires only when the fingerprint's /proc/version is gVisor's.
 */
final class GvisorRule {
    private static final Set<String> MISSING_FLAGS = Set.of("renameat2-exchange", "renameat2-whiteout");

    private GvisorRule() {
    }

    /** Whether the sentry answered: the registry runs these rules only then ({@link Causes.Scope#GVISOR}). */
    static boolean applies(Context c) {
        return c.fp() != null && c.fp().gvisor();
    }

    private static String sentry(Context c) {
        return "/proc/version is gVisor's (\"" + c.fp().procVersion() + "\"): its sentry, not Linux, answered the call";
    }

    /** EXCHANGE and WHITEOUT: EINVAL where the plain renameat2 of the same cell is answered. */
    static Optional<Evidence> renameFlags(Context c) {
        Observation o = c.cell();
        if (!"EINVAL".equals(o.outcome()) && !"EINVAL".equals(o.errnoName())) {
            return Optional.empty();
        }
        String op = Controls.operation(o);
        boolean gofer = c.where() != null && "9p".equals(c.where().sourceFs()) && "9p".equals(c.where().targetFs());
        if (!MISSING_FLAGS.contains(op) && !("renameat2-noreplace".equals(op) && gofer)) {
            return Optional.empty();
        }
        Evidence e = new Evidence().add(sentry(c)).add(Context.show(o));
        if (!MISSING_FLAGS.contains(op)) {
            e.add("both parents are on a gofer mount (statfs 9p: a volume or bind mount gVisor serves from the host)");
        }
        Observation plain = c.scenario() == null ? null : c.controls().get("renameat2", c.scenario());
        if (plain != null && plain.ran()) {
            e.add("control: " + Context.show(plain) + " (no flag)");
        }
        return Optional.of(e);
    }

    /**
     * A seeded (image-layer) object renamed or linked on one mount: the call succeeded, but the object
     * arrives with a new inode (COPIED), or a link's source changed inode and the target shares it.
     */
    static Optional<Evidence> copyUp(Context c) {
        Observation o = c.cell();
        PostState post = o.postState();
        boolean copied = "COPIED".equals(o.outcome());
        boolean linkCopied = "WRONG_STATE".equals(o.outcome()) && post != null
                && post.problems().equals(List.of(PostState.LINK_SOURCE_NEW_INODE));
        if (!(copied || linkCopied) || c.boundary() != Boundary.NONE || c.scenario() == null
                || !c.scenario().seeded()) {
            return Optional.empty();
        }
        Evidence e = new Evidence().add(sentry(c))
                .add("on " + c.describeMount(c.where().sourceMountId(), c.where().sourceDev())
                        + ": gVisor's own overlay over the image, whatever the host's storage driver is")
                .add(copied ? Context.show(o) + ": the call returned success and the moved object has a new st_dev:st_ino"
                        : Context.show(o) + ": " + PostState.LINK_SOURCE_NEW_INODE);
        Observation fresh = c.controls().fresh(o, c.scenario().placement());
        if (fresh != null && fresh.ran()) {
            e.add("control: " + Context.show(fresh) + " (fresh, upper layer only)");
        }
        return Optional.of(e);
    }

    /** A mount boundary that exists because gVisor put a tmpfs of its own on /tmp. */
    static Optional<Evidence> tmpTmpfs(Context c) {
        if ((c.boundary() != Boundary.MOUNT && c.boundary() != Boundary.UNKNOWN)
                || !Signals.exdev(c.cell())) {
            return Optional.empty();
        }
        for (long id : new long[] {c.where().sourceMountId(), c.where().targetMountId()}) {
            MountFacts m = id == 0 ? null : c.mount(id);
            if (m != null && "/tmp".equals(m.mountPoint()) && "tmpfs".equals(m.fsType()) && !dockerTmpfs(c)) {
                return Optional.of(new Evidence().add(sentry(c))
                        .add(c.describeMount(id, m.dev()) + " is a tmpfs on /tmp that the container did not ask for")
                        .add("the other parent is on " + c.describeMount(id == c.where().sourceMountId()
                                ? c.where().targetMountId() : c.where().sourceMountId(), null)));
            }
        }
        return Optional.empty();
    }

    /** The environment asked for its tmpfs on /tmp itself (docker --tmpfs): then it is not gVisor's doing. */
    private static boolean dockerTmpfs(Context c) {
        return "tmpfs".equals(c.label("docker.mount"));
    }
}
