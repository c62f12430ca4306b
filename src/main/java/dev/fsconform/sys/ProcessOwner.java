package dev.fsconform.sys;

import java.time.Instant;
import java.util.Optional;

/**
 * A process that owns something it cleans up itself (a run directory, a scratch directory, a
 * temporary file, a container): its pid and the second it started, so that a pid the kernel has
 * since given to another process is not taken for the owner. Written as {@code PID.START}.
 *
 * @param startSecond the start in epoch seconds; 0 when it could not be read (then it is not compared)
 */
public record ProcessOwner(long pid, long startSecond) {

    public static ProcessOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessOwner(self.pid(), startSecond(self));
    }

    /** {@code PID.START} as {@link #token} writes it, or a bare {@code PID} (start unknown). */
    public static Optional<ProcessOwner> parse(String token) {
        int dot = token.indexOf('.');
        try {
            return Optional.of(dot < 0 ? new ProcessOwner(Long.parseLong(token), 0)
                    : new ProcessOwner(Long.parseLong(token.substring(0, dot)), Long.parseLong(token.substring(dot + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String token() {
        return pid + "." + startSecond;
    }

    /** No such pid, a dead one (a zombie cannot clean up), or the pid of a process that started at another second. */
    public boolean gone() {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return true;
        }
        long now = startSecond(h.get());
        return startSecond != 0 && now != 0 && now != startSecond;
    }

    private static long startSecond(ProcessHandle h) {
        return h.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
    }
}
