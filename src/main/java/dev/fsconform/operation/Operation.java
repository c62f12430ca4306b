package dev.fsconform.operation;

import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Posix;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every rename variant fsconform measures, each with a stable id that results files and
 * expectation tables refer to. Ids never change meaning; new variants get new ids.
 */
public enum Operation {
    RENAME("rename", Effect.MOVE, "rename(2)",
            Family.RENAME, Family.SIMPLE_MOVE, Family.RENAME_ALL, Family.NATIVE),
    RENAMEAT("renameat", Effect.MOVE, "renameat(2) with directory descriptors",
            Family.RENAME, Family.SIMPLE_MOVE, Family.RENAME_ALL, Family.NATIVE),
    RENAMEAT2("renameat2", Effect.MOVE, "renameat2(2), flags 0",
            Family.RENAME, Family.SIMPLE_MOVE, Family.RENAME_ALL, Family.RENAMEAT2_ALL, Family.NATIVE),
    RENAMEAT2_NOREPLACE("renameat2-noreplace", Effect.MOVE, "renameat2(2), RENAME_NOREPLACE",
            Family.SIMPLE_MOVE, Family.RENAME_ALL, Family.RENAMEAT2_ALL, Family.NATIVE),
    RENAMEAT2_EXCHANGE("renameat2-exchange", Effect.EXCHANGE, "renameat2(2), RENAME_EXCHANGE",
            Family.RENAME_ALL, Family.RENAMEAT2_ALL, Family.NATIVE),
    RENAMEAT2_WHITEOUT("renameat2-whiteout", Effect.MOVE_LEAVING_WHITEOUT, "renameat2(2), RENAME_WHITEOUT",
            Family.RENAME_ALL, Family.RENAMEAT2_ALL, Family.NATIVE),
    LINK("link", Effect.LINK, "link(2)",
            Family.LINK, Family.NATIVE),
    LINKAT("linkat", Effect.LINK, "linkat(2), flags 0",
            Family.LINK, Family.NATIVE),
    FILES_MOVE("files-move", Effect.MOVE_OR_COPY, "java.nio.file.Files.move, no options",
            Family.FILES_MOVE, Family.JAVA_COPYING, Family.COPYING),
    FILES_MOVE_REPLACE("files-move-replace", Effect.MOVE_OR_COPY, "Files.move, REPLACE_EXISTING",
            Family.FILES_MOVE, Family.JAVA_COPYING, Family.COPYING),
    FILES_MOVE_ATOMIC("files-move-atomic", Effect.MOVE, "Files.move, ATOMIC_MOVE",
            Family.FILES_MOVE),
    MV("mv", Effect.MOVE_OR_COPY, "the system's mv -T (renames, or silently copies on EXDEV)",
            Family.COPYING);

    private final String id;
    private final Effect effect;
    private final String description;
    private final Set<Family> families;

    Operation(String id, Effect effect, String description, Family... families) {
        this.id = id;
        this.effect = effect;
        this.description = description;
        this.families = Set.of(families);
    }

    /** Whether this operation belongs to {@code family}. */
    public boolean in(Family family) {
        return families.contains(family);
    }

    public String id() {
        return id;
    }

    public Effect effect() {
        return effect;
    }

    public String description() {
        return description;
    }

    /** A link never names a directory on Linux, so link × directory cells say nothing about an environment. */
    public boolean linksOnly() {
        return effect == Effect.LINK;
    }

    /** Why this operation cannot run on this machine, or null when it can. */
    public String unavailableReason() {
        return this == MV && !SystemMv.available() ? "no mv binary in /usr/bin or /bin" : null;
    }

    public static Optional<Operation> byId(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }

    /** Runs this operation once, from {@code source} to {@code target}. */
    public Attempt apply(Path source, Path target) {
        Posix posix = Posix.get();
        switch (this) {
            case RENAME: return of(posix.rename(source, target));
            case RENAMEAT: return of(posix.renameat(source, target));
            case RENAMEAT2: return of(posix.renameat2(source, target, 0));
            case RENAMEAT2_NOREPLACE: return of(posix.renameat2(source, target, Posix.RENAME_NOREPLACE));
            case RENAMEAT2_EXCHANGE: return of(posix.renameat2(source, target, Posix.RENAME_EXCHANGE));
            case RENAMEAT2_WHITEOUT: return of(posix.renameat2(source, target, Posix.RENAME_WHITEOUT));
            case LINK: return of(posix.link(source, target));
            case LINKAT: return of(posix.linkat(source, target));
            case FILES_MOVE: return JavaMove.move(source, target);
            case FILES_MOVE_REPLACE: return JavaMove.moveReplacing(source, target);
            case FILES_MOVE_ATOMIC: return JavaMove.moveAtomically(source, target);
            case MV: return SystemMv.move(source, target);
            default: throw new AssertionError(this);
        }
    }

    private static Attempt of(CallResult r) {
        return r.succeeded() ? Attempt.ok() : Attempt.errno(r.errno());
    }
}
