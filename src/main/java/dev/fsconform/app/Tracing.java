package dev.fsconform.app;

import dev.fsconform.sys.ProcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether this process can trace its children with strace, decided once per probe by tracing
 * {@code true}: no strace installed, or ptrace refused (a seccomp profile, a container without
 * the right, Yama), means the jobs still run and are judged by exit status and end state alone.
 */
public record Tracing(Path strace, boolean seccompBpf, String description) {
    public static Tracing none(String why) {
        return new Tracing(null, false, "not traced: " + why);
    }

    public boolean traced() {
        return strace != null;
    }

    List<String> prefix(Path outPrefix) {
        return Strace.prefix(strace, outPrefix, seccompBpf);
    }

    /** Tries strace on {@code true} in {@code dir}; the answer holds for the whole probe. */
    public static Tracing detect(Path dir) {
        Path strace = Programs.locate("strace").orElse(null);
        Path trueBin = Programs.locate("true").orElse(null);
        if (strace == null) {
            return none(Programs.missing("strace"));
        }
        if (trueBin == null) {
            return none("no 'true' program to try strace on");
        }
        boolean bpf = seccompMode() == 0;
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("strace-check");
            Path log = dir.resolve("strace-check.log");
            List<String> argv = new ArrayList<>(Strace.prefix(strace, out, bpf));
            argv.add(trueBin.toString());
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return none("strace did not finish tracing 'true' within 20 s");
            }
            if (p.exitValue() != 0) {
                String why = Files.readString(log).strip();
                String line = why.isEmpty() ? "exit " + p.exitValue() : why.lines().reduce((a, b) -> b).orElse(why);
                return none((line.contains("ptrace") || line.contains("Operation not permitted") ? "ptrace denied: " : "strace failed: ")
                        + line);
            }
            return new Tracing(strace, bpf, dev.fsconform.result.AppTrace.TRACED);
        } catch (IOException e) {
            return none("strace could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("interrupted while trying strace");
        }
    }

    /**
     * The Seccomp field of the calling thread's status: 0 off, 2 filter; -1 when unreadable. The thread's,
     * because a filter is per thread and the children this thread starts inherit its own.
     */
    private static int seccompMode() {
        return ProcStatus.thread().numberOr("Seccomp");
    }
}
