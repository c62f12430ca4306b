package dev.fsconform.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A kernel guest loads its filesystem modules (loop, ext4, xfs, btrfs, fuse: seconds each of emulated
 * module init) while its host lab already runs. Each environment waits only for the filesystems it
 * mounts, and environments needing none not yet there (tmpfs, overlay) go first, so the first cell
 * does not wait for btrfs. {@code allLoaded} is the file the guest's init writes when it is done
 * loading (then whatever is still missing is really missing, and the environment is SKIPPED as
 * anywhere else); a null gate (no such file given: not in a guest) never waits.
 */
record ModuleGate(Path allLoaded, long deadlineNanos, Supplier<Set<String>> listed) {
    static final long WAIT_NANOS = 120_000_000_000L;

    static ModuleGate of(Path allLoaded) {
        return allLoaded == null ? null : new ModuleGate(allLoaded, System.nanoTime() + WAIT_NANOS, Host::procFilesystems);
    }

    /** Environments whose filesystems the kernel lists now first, each part in its given order. */
    List<Environment> order(List<Environment> envs) {
        Set<String> now = listed.get();
        return envs.stream().sorted(Comparator.comparing((Environment e) -> !ready(e, now))).toList();
    }

    /** Returns once the kernel lists every filesystem {@code env} mounts, the guest has loaded all it has, or time is up. */
    void await(Environment env) throws InterruptedException {
        while (!Files.exists(allLoaded) && System.nanoTime() < deadlineNanos && !ready(env, listed.get())) {
            Thread.sleep(20);
        }
    }

    /**
     * A block filesystem (listed without "nodev") is mounted from a loop device here, so it waits for
     * the loop driver too; the guest loads loop before every filesystem module, this only makes sure.
     */
    private static boolean ready(Environment env, Set<String> listed) {
        Set<String> fs = env.backend().requires().filesystems();
        return listed.containsAll(fs)
                && (fs.stream().allMatch(f -> listed.contains("nodev " + f)) || Files.exists(Path.of("/dev/loop-control")));
    }
}
