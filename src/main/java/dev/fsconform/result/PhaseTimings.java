package dev.fsconform.result;

/**
 * Wall time of an environment's phases, as the matrix measured them from outside: building the
 * environment (mounts, images, seeds), the probe process, and taking everything down again.
 * A phase that never started is 0.
 */
public record PhaseTimings(long setupMillis, long probeMillis, long teardownMillis) {
    public static final PhaseTimings NONE = new PhaseTimings(0, 0, 0);

    public long totalMillis() {
        return setupMillis + probeMillis + teardownMillis;
    }
}
