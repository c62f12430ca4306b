package dev.fsconform.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a command to completion with both streams captured and a time limit. */
final class Processes {
    record Result(int exitCode, String stdout, String stderr) {
        String lastErrorLine() {
            return stderr.lines().reduce((a, b) -> b).orElse("").strip();
        }
    }

    private Processes() {
    }

    static Result run(List<String> command, long timeoutSeconds) {
        return run(command, timeoutSeconds, line -> { });
    }

    /** As {@link #run(List, long)}, handing each line of standard output to {@code lines} as it is printed. */
    static Result run(List<String> command, long timeoutSeconds, Consumer<String> lines) {
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readLines(p.getInputStream(), lines));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new SandboxUnusableException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
                }
            } finally {
                if (p.isAlive()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new SandboxUnusableException("cannot start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnusableException("interrupted");
        }
    }

    private static String readLines(InputStream in, Consumer<String> lines) {
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                all.append(line).append('\n');
                lines.accept(line);
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
