package dev.fsconform.validate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A command prefix that starts a program inside the sandbox (bwrap …, unshare …, a driver's
 * "sandbox exec"). The prefix is shell text, so its own quoting works; the probe's arguments are
 * passed as separate words after it. An empty prefix runs the probe directly (the baseline).
 */
record ExecCarrier(String prefix, String java, Path jar) implements Carrier {

    @Override
    public String describe() {
        return prefix.isBlank() ? "no sandbox (baseline)" : "exec: " + prefix;
    }

    /** Fails with one line if the prefix or Java cannot start inside the sandbox. */
    void preflight() {
        Processes.Result prefixOnly = shell(List.of("true"), 60);
        if (prefixOnly.exitCode() == 127 || prefixOnly.exitCode() == 126) {
            throw new SandboxUnusableException("the --exec prefix cannot run: " + firstWordOr(prefixOnly.lastErrorLine()));
        }
        if (prefixOnly.exitCode() != 0) {
            throw new SandboxUnusableException("the --exec prefix fails even for `true` (exit " + prefixOnly.exitCode() + "): "
                    + prefixOnly.lastErrorLine());
        }
        Processes.Result version = shell(List.of(java, "-version"), 60);
        if (version.exitCode() != 0) {
            throw new SandboxUnusableException("no usable Java inside the sandbox at " + java
                    + " (exit " + version.exitCode() + "; use --java PATH or --stage DIR): " + version.lastErrorLine());
        }
    }

    @Override
    public String runProbe(List<String> probeArgs, Consumer<String> lines, Duration timeout) {
        List<String> args = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        args.addAll(probeArgs);
        Processes.Result r = shell(args, Math.max(1, timeout.toSeconds()), lines);
        if (r.exitCode() != 0) {
            throw new SandboxUnusableException("probe failed inside the sandbox (exit " + r.exitCode() + "): " + r.lastErrorLine());
        }
        return r.stdout();
    }

    private Processes.Result shell(List<String> command, long timeout) {
        return shell(command, timeout, line -> { });
    }

    private Processes.Result shell(List<String> command, long timeout, Consumer<String> lines) {
        List<String> full = new ArrayList<>(List.of("sh", "-c", prefix + " \"$@\"", "fsconform-validate"));
        full.addAll(command);
        return Processes.run(full, timeout, lines);
    }

    private static String firstWordOr(String line) {
        return line.isBlank() ? "command not found" : line;
    }
}
