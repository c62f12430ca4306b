package dev.fsconform.env;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the lab started and has not yet waited for, so Ctrl-C and SIGTERM can end them
 * all. (A SIGKILL of the JVM is covered elsewhere: enclaves die with their stdin, and the next
 * run's reaper ends anything else that names a stale run directory.)
 */
final class Children {
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /** Synchronized with {@link #killAll}: a process is either refused or known to it. */
    synchronized Process start(ProcessBuilder pb) throws IOException, EnvFailure {
        if (closed) {
            throw EnvFailure.setupError("interrupted: the matrix is shutting down");
        }
        Process p = pb.start();
        running.add(p);
        return p;
    }

    synchronized boolean closed() {
        return closed;
    }

    void forget(Process p) {
        running.remove(p);
    }

    /** Kills everything still running; no new process starts afterwards. */
    synchronized void killAll() {
        closed = true;
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
