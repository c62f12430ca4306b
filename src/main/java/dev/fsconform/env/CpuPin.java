package dev.fsconform.env;

import dev.fsconform.sys.NativeUnavailableException;
import dev.fsconform.sys.Posix;

/**
 * Keeps a thread, and whatever it starts from now on (threads, processes: they inherit its mask), on
 * the CPU it runs on, and puts its mask back on close. For an environment whose filesystem is a
 * user-space daemon: every call of the probe is a request the daemon answers while the probe waits,
 * and when the two sit on different CPUs each hand-over wakes another CPU. In an emulated kernel
 * guest that wake-up is a signal between QEMU's vCPU threads, and fuse-overlayfs probed about a
 * third faster with everything on one vCPU (docs/performance.md, "Kernel guests"). Which CPU a
 * process ran on is nothing the probe observes. Where the kernel refuses, nothing is pinned.
 */
final class CpuPin implements AutoCloseable {
    private final byte[] before;

    private CpuPin(byte[] before) {
        this.before = before;
    }

    /** Pins the calling thread to its current CPU; returns null where that cannot be done. */
    static CpuPin here() {
        try {
            Posix posix = Posix.get();
            byte[] before = posix.threadAffinity();
            int cpu = posix.currentCpu();
            if (before == null || cpu < 0 || cpu / 8 >= before.length) {
                return null;
            }
            byte[] one = new byte[before.length];
            one[cpu / 8] = (byte) (1 << (cpu % 8));
            return posix.setThreadAffinity(one).succeeded() ? new CpuPin(before) : null;
        } catch (NativeUnavailableException e) {
            return null;
        }
    }

    @Override
    public void close() {
        Posix.get().setThreadAffinity(before);
    }
}
