package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of place the probe can run in. Each kind is a record read from matrix/environments.yaml
 * (its YAML {@code kind} picks the record); the values say which variant of the kind to build.
 * New variants are new YAML entries; only a new kind is new code.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PlainDir.class, name = PlainDir.KIND),
    @JsonSubTypes.Type(value = Tmpfs.class, name = Tmpfs.KIND),
    @JsonSubTypes.Type(value = LoopFs.class, name = LoopFs.KIND),
    @JsonSubTypes.Type(value = BtrfsSubvolumes.class, name = BtrfsSubvolumes.KIND),
    @JsonSubTypes.Type(value = Overlay.class, name = Overlay.KIND),
    @JsonSubTypes.Type(value = FuseOverlay.class, name = FuseOverlay.KIND),
    @JsonSubTypes.Type(value = BindPair.class, name = BindPair.KIND),
    @JsonSubTypes.Type(value = Pair.class, name = Pair.KIND),
    @JsonSubTypes.Type(value = NestedBind.class, name = NestedBind.KIND),
})
sealed interface Backend permits PlainDir, Tmpfs, LoopFs, BtrfsSubvolumes, Overlay, FuseOverlay, BindPair, Pair,
        NestedBind {

    /** The YAML kind, recorded as the {@code backend} label. */
    String kind();

    /** Labels that say which variant this is (options, sizes), without the kind itself. */
    Map<String, String> describe();

    /** Records this backend as {@code role} (its kind) and {@code role.*} (its labels), as part of another. */
    default void describeAs(String role, Map<String, String> into) {
        into.put(role, kind());
        describe().forEach((k, v) -> into.put(role + "." + k, v));
    }

    /** Needs real root (mounts outside a user namespace, loop devices). */
    boolean privileged();

    /** Must be built inside its own user namespace (unprivileged overlay). */
    default boolean userNamespace() {
        return false;
    }

    Set<Tool> tools();

    /** Kernel filesystems it mounts: a kernel without one gets the environment SKIPPED. */
    default Set<String> filesystems() {
        return Set.of();
    }

    /** Existing places outside the run directory it makes marked directories in (for the reaper). */
    default List<Path> externalParents() {
        return List.of();
    }

    /**
     * Builds the place under {@code lab}'s directory {@code slot}, with a copy of the seed tree in it when
     * {@code seed} is set (backends layered over the seed tree have it anyway). Nothing is undone here:
     * every mount lives in the environment's namespaces and goes when they end.
     */
    Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure;
}
