package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCachePruneTest {
    @TempDir
    Path cache;

    @Test
    void keepsEachKernelsNewestAndTheOneUsedBeforeIt() throws IOException {
        // GIVEN four complete 6.1 entries (the newest named by 6.1.last), a died build, and one sid entry
        Path newest = entry("6.1-aaaaaaaaaaaaaaaa", 100);
        Path usedBefore = entry("6.1-bbbbbbbbbbbbbbbb", 300);
        Path older = entry("6.1-cccccccccccccccc", 200);
        Path oldest = entry("6.1-dddddddddddddddd", 50);
        Files.writeString(cache.resolve("6.1.last"), newest.getFileName() + "\n");
        Path partial = Files.createDirectories(cache.resolve("6.1-eeeeeeeeeeeeeeee.partial.x1Y2z3"));
        Path unmarked = Files.createDirectories(cache.resolve("6.1-ffffffffffffffff"));
        Path sid = entry("sid-0123456789abcdef", 10);
        Files.writeString(cache.resolve("6.1.resolved"), "bookworm linux-image-amd64\n");

        // WHEN the cache is pruned
        KernelImages.prune(cache);

        // THEN per kernel the newest and the one used last before it stay; what builds left goes
        assertThat(names()).containsExactlyInAnyOrder(newest.getFileName().toString(), usedBefore.getFileName().toString(),
                sid.getFileName().toString(), "6.1.last", "6.1.resolved");
        assertThat(older).doesNotExist();
        assertThat(oldest).doesNotExist();
        assertThat(partial).doesNotExist();
        assertThat(unmarked).doesNotExist();
    }

    @Test
    void withoutALastBuildTheTwoUsedLastStay() throws IOException {
        entry("6.12-1111111111111111", 10);
        entry("6.12-2222222222222222", 30);
        entry("6.12-3333333333333333", 20);

        KernelImages.prune(cache);

        assertThat(names()).containsExactlyInAnyOrder("6.12-2222222222222222", "6.12-3333333333333333");
    }

    @Test
    void nothingGoesWhileAnotherUserHoldsTheCache() throws IOException {
        // GIVEN an entry beyond the kept ones, and the cache in use by another kernel lab
        entry("5.10-1111111111111111", 10);
        entry("5.10-2222222222222222", 20);
        Path third = entry("5.10-3333333333333333", 30);
        try (CacheUse other = CacheUse.open(cache); CacheUse mine = CacheUse.open(cache)) {
            other.share();

            // WHEN this one would prune
            boolean pruned = mine.ifAlone(() -> KernelImages.prune(cache));

            // THEN it did not
            assertThat(pruned).isFalse();
            assertThat(names()).contains("5.10-1111111111111111", "5.10-2222222222222222", third.getFileName().toString());
        }
        try (CacheUse alone = CacheUse.open(cache)) {
            assertThat(alone.ifAlone(() -> KernelImages.prune(cache))).as("once nobody holds it").isTrue();
        }
        assertThat(names()).doesNotContain("5.10-1111111111111111");
    }

    private Path entry(String name, long usedSeconds) throws IOException {
        Path dir = Files.createDirectories(cache.resolve(name));
        Files.writeString(dir.resolve("complete"), "linux-image 1\n");
        Files.setLastModifiedTime(dir, FileTime.fromMillis(usedSeconds * 1000));
        return dir;
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }
}
