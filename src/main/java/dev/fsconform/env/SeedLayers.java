package dev.fsconform.env;

import dev.fsconform.probe.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run's read-only lower layers, shared by every overlay of the run (overlayfs never writes to a
 * lower layer): the seed tree, and on demand directory-only copies of it to stack above it.
 */
final class SeedLayers {
    private final Path seed;
    private final Map<Integer, Path> skeletons = new HashMap<>();

    private SeedLayers(Path seed) {
        this.seed = seed;
    }

    /** Writes the seed tree (`fsconform seed`) into {@code dir}. */
    static SeedLayers write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Seeds.write(dir);
        return new SeedLayers(dir);
    }

    /** The directory holding fsconform-seed/: the bottom layer, and what backends copy. */
    Path seed() {
        return seed;
    }

    /** The {@code n}-th directory-only copy of the seed tree: no files, so they stay in the bottom layer. */
    synchronized Path skeleton(int n) throws IOException {
        Path have = skeletons.get(n);
        if (have != null) {
            return have;
        }
        Path layer = Files.createDirectories(seed.resolveSibling(seed.getFileName() + "-skeleton-" + n));
        try (Stream<Path> tree = Files.walk(seed)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(layer.resolve(seed.relativize(p).toString()));
                }
            }
        }
        skeletons.put(n, layer);
        return layer;
    }
}
