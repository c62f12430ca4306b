package dev.fsconform.container;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where in the container the probe works. The probe image holds the seed tree in an image layer at
 * /seed/fsconform-seed; each kind says which directory is probed and which (on the rootfs) is the
 * second directory for the cross-mount cells.
 */
enum Mount {
    /** The image's own /seed: seeded fixtures from the lower image layer, fresh ones in the upper. */
    ROOTFS("/seed", null, null),
    /** A host (or inner engine) directory bound in; no seed tree in it. */
    BIND("/mnt/fsconform-bind", "/seed", "/mnt/fsconform-bind"),
    /** A named volume over /seed: the engine copies the image's seed tree into it on first mount. */
    VOLUME("/seed", "/tmp", "/seed"),
    /** Docker's --tmpfs on /tmp (nosuid, nodev, noexec), as gVisor puts a tmpfs over /tmp. */
    TMPFS("/tmp", "/seed", "/tmp");

    static final String SEED_DIR = "/seed";

    private final String primary;
    private final String second;
    private final String target;

    Mount(String primary, String second, String target) {
        this.primary = primary;
        this.second = second;
        this.target = target;
    }

    /** The directory the probe works in. */
    String primary() {
        return primary;
    }

    /** The rootfs directory paired with the mount for the cross-mount cells, or null. */
    String second() {
        return second;
    }

    /** Where the mount goes in the container, or null for the rootfs. */
    String target() {
        return target;
    }

    /**
     * The {@code docker run} arguments that put this mount in place, {@code source} being the host
     * directory or volume name it mounts (unused for the rootfs and a tmpfs).
     */
    List<String> runArgs(String source) {
        return switch (this) {
            case BIND, VOLUME -> List.of("-v", source + ":" + target);
            case TMPFS -> List.of("--tmpfs", target);
            case ROOTFS -> List.of();
        };
    }

    @JsonValue
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Mount parse(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mount '" + id + "' (known: "
                        + Arrays.stream(values()).map(Mount::id).collect(Collectors.joining(", ")) + ")"));
    }
}
