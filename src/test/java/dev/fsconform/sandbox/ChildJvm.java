package dev.fsconform.sandbox;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a fresh JVM with the test class path. Sandboxes are irreversible, so every
 * test that applies one does it there, never in the Surefire JVM.
 */
public final class ChildJvm {
    private static final long TIMEOUT_SECONDS = 120;

    private ChildJvm() {
    }

    /** Exit status and output; {@code results} maps each "OP RESULT" line of stdout to RESULT. */
    public record Result(int exit, List<String> stdout, List<String> stderr) {
        public Map<String, String> results() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : stdout) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    m.put(line.substring(0, space), line.substring(space + 1));
                }
            }
            return m;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr);
        }
    }

    /** The java command with lean flags: two cores, many child JVMs. */
    public static List<String> javaCommand(String mainClass) {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), mainClass));
    }

    public static Result run(Path workDir, String mainClass, List<String> args) {
        List<String> command = javaCommand(mainClass);
        command.addAll(args);
        return exec(workDir, command);
    }

    public static Result exec(Path workDir, List<String> command) {
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("child JVM timed out after %ss: %s", TIMEOUT_SECONDS, command);
            }
            return new Result(p.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
        } catch (IOException e) {
            throw new AssertionError("could not run child " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + command, e);
        }
    }
}
