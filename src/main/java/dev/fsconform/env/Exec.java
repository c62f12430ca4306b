package dev.fsconform.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to completion with its output in a log file. A file, not a pipe: daemons such as
 * fuse-overlayfs keep their output open after the command returns, and a pipe would never reach EOF.
 */
final class Exec {
    private Exec() {
    }

    record Outcome(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last non-blank line, where tools put the reason they failed (but not mount(8)'s dmesg hint). */
        String lastLine() {
            List<String> lines = output.strip().lines().filter(l -> !l.isBlank())
                    .filter(l -> !l.contains("dmesg(1) may have more information")).toList();
            return lines.isEmpty() ? "exit code " + exitCode : lines.get(lines.size() - 1).strip();
        }
    }

    /** Runs argv with its output in {@code log}; a command still running at the deadline is killed as a timeout. */
    static Outcome run(List<String> argv, Path log, Deadline deadline, Children children)
            throws IOException, EnvFailure {
        return run(argv, null, log, deadline, children);
    }

    /** As above, with standard output apart in {@code stdout} (null: in the log too). */
    static Outcome run(List<String> argv, Path stdout, Path log, Deadline deadline, Children children)
            throws IOException, EnvFailure {
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (stdout == null) {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        } else {
            pb.redirectOutput(stdout.toFile()).redirectError(log.toFile());
        }
        Process p = children.start(pb);
        try {
            if (!p.waitFor(deadline.remainingMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw EnvFailure.timeout("timed out after " + deadline.budgetSeconds() + " s, during: "
                        + log.getFileName().toString().replaceFirst("\\.log$", ""));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw EnvFailure.setupError("interrupted");
        } finally {
            children.forget(p);
        }
        return new Outcome(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
