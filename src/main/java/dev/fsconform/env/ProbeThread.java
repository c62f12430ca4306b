package dev.fsconform.env;

import dev.fsconform.probe.Probe;
import dev.fsconform.probe.ProbeConfig;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.sandbox.Landlock;
import dev.fsconform.sandbox.LandlockPolicy;
import dev.fsconform.sandbox.SandboxException;
import dev.fsconform.sandbox.Seccomp;
import dev.fsconform.sandbox.SeccompPolicy;
import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The probe on a fresh thread of this JVM instead of a process of its own. The thread moves alone
 * into the environment's mount namespace and takes its Landlock domain and seccomp filter, all of
 * which the kernel holds per thread (unshare(CLONE_FS) + setns, landlock_restrict_self, a filter
 * without TSYNC, no_new_privs) and hands on to what the thread starts; they end with the thread.
 * In an emulated kernel guest this saves a cold JVM per environment (two with a sandbox wrapper), most
 * of an environment's time there, and every environment after the first finds the probe's code
 * compiled. Not for user-namespace enclaves (setns into a user namespace needs a single-threaded
 * process) or runtime sandboxes (runsc, bubblewrap and firejail are processes).
 */
final class ProbeThread {
    /** How long a probe that overran its budget gets to notice, after its enclave was killed. */
    private static final long GRACE_MILLIS = 10_000;

    private ProbeThread() {
    }

    static boolean fits(Sandbox sandbox, Enclave enclave) {
        return sandbox.runtime() == null && (enclave == null || !enclave.userns());
    }

    /** What a failure says, worded as the process way's exit statuses would have it. */
    private record Outcome(EnvironmentResult result, EnvFailure failure) {
    }

    /** The probe stops between cells once the environment's budget is spent. */
    private static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super("out of time", null, false, false);
        }
    }

    static EnvironmentResult run(ProbeConfig config, Enclave enclave, Sandbox sandbox, List<Path> writable,
                                 Deadline deadline, String name) throws EnvFailure {
        // Loaded here, unrestricted: under the sandbox jnr could not unpack its stub.
        Posix posix = Posix.get();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Outcome> out = new AtomicReference<>();
        Thread t = new Thread(() -> out.set(probe(posix, config, enclave, sandbox, writable, stop)), "fsconform-probe-" + name);
        t.setDaemon(true);
        t.start();
        try {
            t.join(deadline.remainingMillis());
            if (t.isAlive()) {
                stop.set(true);
                if (enclave != null) {
                    // A call hanging on a FUSE daemon returns once the daemon is gone.
                    enclave.kill();
                }
                t.join(GRACE_MILLIS);
                throw EnvFailure.timeout("timed out after " + deadline.budgetSeconds() + " s, during: probe"
                        + (t.isAlive() ? " (its thread is still in a system call)" : ""));
            }
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            throw EnvFailure.setupError("interrupted");
        }
        Outcome o = out.get();
        if (o == null) {
            throw EnvFailure.setupError("probe failed: its thread ended without a result");
        }
        if (o.failure() != null) {
            throw o.failure();
        }
        return o.result();
    }

    private static Outcome probe(Posix posix, ProbeConfig config, Enclave enclave, Sandbox sandbox, List<Path> writable,
                                 AtomicBoolean stop) {
        try {
            if (enclave != null) {
                CallResult r = posix.enterMountNamespaceOf(enclave.pid());
                if (!r.succeeded()) {
                    return failed(EnvFailure.setupError("probe: cannot enter the environment's mount namespace: "
                            + r.errno().describe()));
                }
            }
            try {
                if (sandbox.landlock() != null) {
                    Landlock.restrictSelf(LandlockPolicy.parse(sandbox.landlock(), writable));
                }
                if (sandbox.seccomp() != null) {
                    Seccomp.installOnThisThread(SeccompPolicy.parse(sandbox.seccomp()));
                }
            } catch (SandboxException e) {
                // As `fsconform sandbox` exiting 125 says it.
                return failed(EnvFailure.skipped("the sandbox cannot be applied here: fsconform sandbox: " + e.getMessage()));
            }
            EnvironmentResult r = new Probe(config).run((Observation cell, long nanos) -> {
                if (stop.get()) {
                    throw new OutOfTime();
                }
                Milestones.cellDone();
            });
            return new Outcome(r, null);
        } catch (OutOfTime e) {
            return failed(EnvFailure.timeout("out of time"));
        } catch (IOException | RuntimeException e) {
            return failed(EnvFailure.setupError("probe failed: " + e));
        }
    }

    private static Outcome failed(EnvFailure f) {
        return new Outcome(null, f);
    }
}
