package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private mount + pid namespace (optionally a user namespace too) that one environment lives in.
 * Its init is {@code cat} reading a pipe whose only writer is this JVM: however the JVM ends, even
 * by SIGKILL, cat reads EOF and exits, the kernel kills every process of the pid namespace, the
 * mount namespace dies with its last process and with it every mount; loop devices mounted with
 * {@code -o loop} carry autoclear and detach when their filesystem goes. Nothing is ever mounted
 * in the host's namespace ({@code --propagation private}).
 */
final class Enclave implements AutoCloseable {
    private final Process unshare;
    private final long initPid;
    private final boolean userns;
    private final Children children;

    private Enclave(Process unshare, long initPid, boolean userns, Children children) {
        this.unshare = unshare;
        this.initPid = initPid;
        this.userns = userns;
        this.children = children;
    }

    /** unshare(1) is the tool for making namespaces; --kill-child also ends init if unshare is killed. */
    static Enclave open(boolean userns, Path log, Children children) throws IOException, EnvFailure {
        List<String> argv = new ArrayList<>(List.of(Tool.UNSHARE.path(), "--mount", "--propagation", "private",
                "--pid", "--fork", "--kill-child"));
        if (userns) {
            argv.addAll(List.of("--user", "--map-root-user"));
        }
        argv.addAll(List.of("--", "cat"));
        Process p = children.start(new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> init = p.children().findFirst();
            if (init.isPresent() && inOtherMountNamespace(init.get().pid())) {
                return new Enclave(p, init.get().pid(), userns, children);
            }
            if (!p.isAlive()) {
                break;
            }
            sleep(2);
        }
        p.destroyForcibly();
        children.forget(p);
        String why = Files.exists(log) ? new Exec.Outcome(1, Files.readString(log)).lastLine() : "no output";
        throw (userns ? EnvFailure.skipped("cannot create a user namespace: " + why)
                : EnvFailure.setupError("cannot create a mount namespace: " + why));
    }

    private static boolean inOtherMountNamespace(long pid) {
        try {
            return !Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "mnt"))
                    .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")));
        } catch (IOException e) {
            return false;
        }
    }

    /** argv run inside the namespaces: nsenter(1) forks into the pid namespace, so it dies with it. */
    List<String> inside(List<String> argv) {
        List<String> out = new ArrayList<>(List.of(Tool.NSENTER.path(), "--target", Long.toString(initPid)));
        if (userns) {
            // No setgroups: an unprivileged user namespace denies it, and the mapped uid is root inside anyway.
            out.addAll(List.of("--user", "--preserve-credentials"));
        }
        out.addAll(List.of("--mount", "--pid", "--"));
        out.addAll(argv);
        return out;
    }

    /** The namespaces' init, whose /proc entry names them. */
    long pid() {
        return initPid;
    }

    boolean userns() {
        return userns;
    }

    /** Ends the namespaces and waits until the kernel has taken them down. */
    @Override
    public void close() {
        try {
            unshare.getOutputStream().close();
            if (!unshare.waitFor(5, TimeUnit.SECONDS)) {
                kill();
                unshare.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        } finally {
            children.forget(unshare);
        }
    }

    /** For Ctrl-C, SIGTERM and timeouts: SIGKILL to unshare, whose --kill-child passes it to init. */
    void kill() {
        ProcessHandle.of(initPid).filter(h -> h.parent().map(pp -> pp.pid() == unshare.pid()).orElse(false))
                .ifPresent(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
