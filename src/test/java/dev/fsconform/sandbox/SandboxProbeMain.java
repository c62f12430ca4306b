package dev.fsconform.sandbox;

import dev.fsconform.sys.Arch;
import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Posix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
        String from = f[1];
        String to = f[2];
        long flags = f.length > 3 ? Long.parseLong(f[3]) : 0;
        Posix posix = Posix.get();
        CallResult r = switch (name) {
            case "rename", "link" -> posix.syscall(number, from, to);
            case "renameat", "linkat" -> posix.syscall(number, AT_FDCWD, from, AT_FDCWD, to, 0);
            case "renameat2" -> posix.syscall(number, AT_FDCWD, from, AT_FDCWD, to, flags);
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
        return r.succeeded() ? "OK" : r.errno().name();
    }
}
