package dev.fsconform.sandbox;

import dev.fsconform.sys.Errno;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jnr.ffi.Pointer;

/**
 * Child-JVM entry point for tests: applies the requested sandbox to its main thread, then runs
 * raw syscalls and prints one line per operation, {@code OP RESULT}, where RESULT is OK, an errno
 * name, or NO_SUCH_SYSCALL. Exits 3 with one line on stderr if the sandbox cannot be applied.
 * <p>
 * Arguments: {@code [landlock=NAME] [rw=DIR]... [seccomp=SPEC] OP...}. OP is
 * {@code SYSCALL:FROM:TO[:FLAGS]} with SYSCALL one of rename, renameat, renameat2, link, linkat
 * (prefix {@code x32-} for the x32 entry point), or {@code state}. Prefix an OP with
 * {@code worker/} to run it on a thread that existed before the sandbox was applied.
 */
public final class SandboxProbeMain {
    private static final int AT_FDCWD = -100;

    private SandboxProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        worker.submit(() -> { }).get(); // start the thread now, before any restriction
        String landlock = null;
        String seccomp = null;
        List<Path> rw = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("landlock=")) {
                landlock = a.substring("landlock=".length());
            } else if (a.startsWith("seccomp=")) {
                seccomp = a.substring("seccomp=".length());
            } else if (a.startsWith("rw=")) {
                rw.add(Path.of(a.substring("rw=".length())));
            } else {
                ops.add(a);
            }
        }
        try {
            if (landlock != null) {
                Landlock.restrictSelf(LandlockPolicy.parse(landlock, rw));
            }
            if (seccomp != null) {
                Seccomp.install(SeccompPolicy.parse(seccomp)).forEach(n -> System.out.println("note " + n));
            }
        } catch (SandboxException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
        for (String op : ops) {
            String result = op.startsWith("worker/") ? worker.submit(() -> run(op.substring(7))).get() : run(op);
            System.out.println(op + " " + result);
        }
        worker.shutdown();
    }

    private static String run(String op) {
        if (op.equals("state")) {
            SandboxState s = SandboxState.current();
            return "abi=" + s.landlockAbi() + " seccomp=" + s.seccompMode() + " filters=" + s.seccompFilters()
                    + " nnp=" + s.noNewPrivs() + " restricted=" + s.landlockRestricted();
        }
        String[] f = op.split(":");
        boolean x32 = f[0].startsWith("x32-");
        String name = x32 ? f[0].substring(4) : f[0];
        OptionalInt nr = Arch.current().orElseThrow().syscall(name);
        if (nr.isEmpty()) {
            return "NO_SUCH_SYSCALL";
        }
        long number = nr.getAsInt() | (x32 ? Arch.X32_SYSCALL_BIT : 0);
        Pointer from = Native.cString(f[1]);
        Pointer to = Native.cString(f[2]);
        long flags = f.length > 3 ? Long.parseLong(f[3]) : 0;
        long r = switch (name) {
            case "rename", "link" -> Native.libc().syscall(number, from.address(), to.address(), 0);
            case "renameat", "linkat" -> Native.libc().syscall(number, AT_FDCWD, from.address(), AT_FDCWD,
                    to.address(), 0, 0);
            case "renameat2" -> Native.libc().syscall(number, AT_FDCWD, from.address(), AT_FDCWD,
                    to.address(), flags, 0);
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
        int errno = Native.errno();
        Reference.reachabilityFence(from);
        Reference.reachabilityFence(to);
        return r == 0 ? "OK" : Errno.of(errno).name();
    }
}
