package dev.fsconform.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start fsconform again as a child process: the running JVM's java binary and the jar this
 * code came from, with options that favour start-up over peak speed (a probe lives a few seconds).
 * Under {@code -Dfsconform.cds=FILE} (a class-data archive of this very jar, see {@link ClassArchive})
 * every child maps it too and passes it on: a kernel guest starts a JVM per environment, each in
 * emulation, and loading and verifying the same classes again is most of what they would do.
 */
public record Launcher(Path java, Path jar, List<String> jvmOptions) {
    /**
     * C1 only, the serial collector, no perf data file, small stacks; and reflection through the JVM's native
     * accessors throughout: JDK 17 generates a class for each method or constructor called reflectively more
     * than 15 times (Jackson's records), a dozen on a kernel guest's way to its first cell, each costly under
     * emulation, for calls a short run makes a few hundred of (later JDKs reflect through method handles
     * and ignore the property).
     */
    static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xss512k", "-Dsun.reflect.inflationThreshold=1000000000");
    static final String CDS_PROPERTY = "fsconform.cds";
    /**
     * The class a kernel guest's host lab starts from ({@code java -cp JAR CLASS --only ...}): the matrix
     * run without picocli, its options written by the host (see dev.fsconform.cli).
     */
    public static final String GUEST_MATRIX = "dev.fsconform.cli.GuestMatrix";

    public Launcher {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The running java and the given jar. */
    public static Launcher of(Path jar) {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        Launcher l = new Launcher(java, jar.toAbsolutePath().normalize(), FAST_START);
        String cds = System.getProperty(CDS_PROPERTY);
        return cds != null && Files.isRegularFile(Path.of(cds)) ? l.withArchive(Path.of(cds)) : l;
    }

    /**
     * The same launcher mapping a class-data archive dumped from this jar at this path. A mismatch
     * (another jar, another JDK) only costs the speed-up: -Xshare:auto then loads classes as usual,
     * and its warning goes to standard error, never into a probe's JSON on standard output. The
     * archive is mapped where it was dumped for (ArchiveRelocationMode=0; it moves elsewhere only when
     * that address is taken): JDK 17.0.15 relocates it by default, rewriting pointers on every page
     * of it, which in a kernel guest reads the whole archive page by page over 9p, 1.5 s on 6.1 and
     * up to 20 s on 5.10, before main.
     */
    Launcher withArchive(Path archive) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(archiveOptions(archive));
        return new Launcher(java, jar, options);
    }

    private static List<String> archiveOptions(Path archive) {
        return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions",
                "-XX:ArchiveRelocationMode=0", "-Xlog:disable", "-Xlog:all=warning:stderr", "-D" + CDS_PROPERTY + "=" + archive);
    }

    /** The class-data archive it maps, or null. */
    Path archive() {
        String prefix = "-D" + CDS_PROPERTY + "=";
        return jvmOptions.stream().filter(o -> o.startsWith(prefix)).map(o -> Path.of(o.substring(prefix.length())))
                .findFirst().orElse(null);
    }

    /** The same launcher mapping a copy of its archive at {@code copy} instead (one without an archive stays as it is). */
    Launcher withArchiveCopy(Path copy) {
        Path archive = archive();
        if (archive == null) {
            return this;
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.removeAll(archiveOptions(archive));
        return new Launcher(java, jar, options).withArchive(copy);
    }

    /** The same java, starting another copy of the jar (one a sandbox can see). */
    Launcher withJar(Path other) {
        return new Launcher(java, other, jvmOptions);
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
