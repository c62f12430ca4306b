package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One kind of place the probe can run in. Each kind is a record read from matrix/environments.yaml
 * (its YAML {@code kind}, the record's {@link JsonTypeName}, picks the record); the values say which
 * variant of the kind to build. New variants are new YAML entries; only a new kind is new code.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(PlainDir.class),
    @JsonSubTypes.Type(Tmpfs.class),
    @JsonSubTypes.Type(LoopFs.class),
    @JsonSubTypes.Type(BtrfsSubvolumes.class),
    @JsonSubTypes.Type(Overlay.class),
    @JsonSubTypes.Type(FuseOverlay.class),
    @JsonSubTypes.Type(BindPair.class),
    @JsonSubTypes.Type(Pair.class),
    @JsonSubTypes.Type(NestedBind.class),
    @JsonSubTypes.Type(ReadOnlyBind.class),
})
sealed interface Backend permits PlainDir, Tmpfs, LoopFs, BtrfsSubvolumes, Overlay, FuseOverlay, BindPair, Pair,
        NestedBind, ReadOnlyBind {

    /** The YAML kind, recorded as the {@code backend} label. */
    default String kind() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** Every YAML kind, in the order they are listed above. */
    static List<String> kinds() {
        return Arrays.stream(Backend.class.getAnnotation(JsonSubTypes.class).value())
                .map(t -> t.value().getAnnotation(JsonTypeName.class).value()).toList();
    }

    /** Labels that say which variant this is (options, sizes), without the kind itself. */
    Map<String, String> describe();

    /** Records this backend as {@code role} (its kind) and {@code role.*} (its labels), as part of another. */
    default void describeAs(String role, Map<String, String> into) {
        into.put(role, kind());
        describe().forEach((k, v) -> into.put(role + "." + k, v));
    }

    /** Privilege, tools, filesystems and outside places building it needs. */
    Requires requires();

    /**
     * Builds the place under {@code lab}'s directory {@code slot}, with a copy of the seed tree in it when
     * {@code seed} is set (backends layered over the seed tree have it anyway). Nothing is undone here:
     * every mount lives in the environment's namespaces and goes when they end.
     */
    Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure;
}
