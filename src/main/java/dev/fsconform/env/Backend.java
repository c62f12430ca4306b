package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
sealed interface Backend permits PlainDir, Tmpfs, LoopFs, BtrfsSubvolumes, Overlay, FuseOverlay, OverOne, Pair,
        NestedBind {

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

    /** {@link #describeAs} into a fresh map: the labels of a backend built on this one alone. */
    default Map<String, String> describedAs(String role) {
        Map<String, String> d = new LinkedHashMap<>();
        describeAs(role, d);
        return d;
    }

    /** Whether it makes one directory with nothing mounted inside it, so that a bind mount of it shows all of it. */
    default boolean oneMount() {
        return true;
    }

    /** {@code of}, or a directory in the run directory when absent; refused unless it is {@link #oneMount}. */
    static Backend oneMount(Backend of, String field) {
        Backend b = of == null ? new PlainDir(null) : of;
        if (!b.oneMount()) {
            throw new IllegalArgumentException(field + " must be a backend with one directory (got " + b.kind() + ")");
        }
        return b;
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
