package dev.fsconform.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start fsconform again as a child process: the running JVM's java binary and the jar this
 * code came from, with options that favour start-up over peak speed (a probe lives a few seconds).
 */
public record Launcher(Path java, Path jar, List<String> jvmOptions) {
    static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xss512k");

    public Launcher {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The running java and the given jar. */
    public static Launcher of(Path jar) {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        return new Launcher(java, jar.toAbsolutePath().normalize(), FAST_START);
    }

    /**
     * java [options] -jar fsconform.jar: append a subcommand and its arguments. Temporary files (jnr's
     * native stub among them) go to {@code tmp}: inside the run directory, and writable under a sandbox.
     */
    List<String> fsconform(Path tmp) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmOptions);
        argv.add("-Djava.io.tmpdir=" + tmp);
        argv.add("-jar");
        argv.add(jar.toString());
        return argv;
    }
}
