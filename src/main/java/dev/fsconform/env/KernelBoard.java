package dev.fsconform.env;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress lines of the kernels being worked on: every few seconds one line per kernel that has
 * started and not finished, in the order they started (with guests at once, each says what it does).
 */
final class KernelBoard implements AutoCloseable {
    private final List<KernelStatus> active = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;

    KernelBoard(int everySeconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fsconform-kernel-status");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> active.forEach(KernelStatus::print), everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    /** A kernel that started: printed from now on, beginning with its first phase. */
    KernelStatus start(KernelStatus status, String phase) {
        active.add(status);
        status.set(phase);
        return status;
    }

    /** A kernel that finished: its last line now, then no more. */
    void finish(KernelStatus status, String phase) {
        active.remove(status);
        status.set(phase);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
