package dev.fsconform.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleGateTest {
    private static final List<String> NAMES = List.of("plain", "ext4", "tmpfs", "fuse-overlayfs", "overlay-default", "btrfs");

    private static List<Environment> envs() {
        EnvironmentCatalog c = EnvironmentCatalog.standard();
        return NAMES.stream().map(n -> c.environments().stream().filter(e -> e.name().equals(n)).findFirst().orElseThrow()).toList();
    }

    private static List<String> names(List<Environment> envs) {
        return envs.stream().map(Environment::name).toList();
    }

    @Test
    void environmentsWhoseFilesystemsAreListedGoFirstInTheirOrder(@TempDir Path dir) {
        // overlay-default and fuse-overlayfs have their upper layer on ext4.
        ModuleGate gate = new ModuleGate(dir.resolve("loaded"), System.nanoTime() + ModuleGate.WAIT_NANOS,
                () -> Set.of("tmpfs", "nodev tmpfs", "overlay", "nodev overlay"));
        assertEquals(List.of("plain", "tmpfs", "ext4", "fuse-overlayfs", "overlay-default", "btrfs"), names(gate.order(envs())));
    }

    @Test
    void waitsForTheFilesystemsAnEnvironmentMountsOnly(@TempDir Path dir) throws Exception {
        AtomicReference<Set<String>> listed = new AtomicReference<>(Set.of("tmpfs", "nodev tmpfs"));
        ModuleGate gate = new ModuleGate(dir.resolve("loaded"), System.nanoTime() + ModuleGate.WAIT_NANOS, listed::get);
        Environment tmpfs = envs().get(2);
        Environment fuse = envs().get(3);
        assumeTrue(Files.exists(Path.of("/dev/loop-control")), "needs the loop driver");
        listed.set(Set.of("tmpfs", "nodev tmpfs", "fuse", "nodev fuse"));
        long t0 = System.nanoTime();
        gate.await(tmpfs);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "tmpfs is there: no wait");
        Thread loader = new Thread(() -> {
            sleep(300); // fuse alone is not enough: its upper layer is on ext4
            listed.set(Set.of("tmpfs", "nodev tmpfs", "ext4", "fuse", "nodev fuse"));
        });
        loader.start();
        t0 = System.nanoTime();
        gate.await(fuse);
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 250_000_000L && waited < 5_000_000_000L, "waited for fuse: " + waited / 1_000_000 + " ms");
        loader.join();
    }

    @Test
    void theGuestsAllLoadedFileEndsTheWaitForAFilesystemItNeverGets(@TempDir Path dir) throws Exception {
        Path loaded = dir.resolve("loaded");
        ModuleGate gate = new ModuleGate(loaded, System.nanoTime() + ModuleGate.WAIT_NANOS, () -> Set.of("tmpfs", "nodev tmpfs"));
        Thread init = new Thread(() -> {
            sleep(300);
            try {
                Files.writeString(loaded, "");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        init.start();
        long t0 = System.nanoTime();
        gate.await(envs().get(5));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        init.join();
    }

    @Test
    void noFileNoGate() {
        assertEquals(null, ModuleGate.of(null));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
