package dev.fsconform.env;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a built backend lets the probe work: the directory (holding a seed tree) and, for the
 * cross-mount scenarios, a second directory elsewhere (null when the backend has none); {@code facts}
 * are labels only the set-up could see (what the kernel logged when it mounted the filesystem).
 */
record Mounted(Path dir, Path second, Map<String, String> facts) {
    Mounted {
        facts = Map.copyOf(facts);
    }

    Mounted(Path dir, Path second) {
        this(dir, second, Map.of());
    }
}
