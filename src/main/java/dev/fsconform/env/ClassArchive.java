package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The fsconform jar as a kernel guest runs it, with a class-data archive (AppCDS) of the classes its
 * host lab loads, dumped here on the host by a host-lab run of one plain directory as the guest runs
 * it (probe on a thread, results streamed, JSON only). Under emulation the guest's JVM would
 * otherwise parse and verify those few thousand classes again, at 20-30 times the native cost. CDS takes an
 * archive only for the jar it was dumped from, by path, size and modification time: the guest mounts
 * this directory read-only at this same path.
 */
final class ClassArchive {
    private static final int DUMP_SECONDS = 180;
    /** A plain directory: an environment any user can build, so the dump also works without root. */
    private static final String TRAINING = "plain";

    private ClassArchive() {
    }

    /**
     * Copies the launcher's jar into {@code dir} and dumps the archive next to it. The launcher
     * returned starts that copy, with the archive where one could be dumped (a JDK without dynamic
     * archives, or a failed dump, only costs the speed-up).
     */
    static Launcher prepare(Launcher launcher, Path dir, Children children) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve("fsconform.jar");
        Files.copy(launcher.jar(), jar, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        Launcher copy = new Launcher(launcher.java(), jar, Launcher.FAST_START);
        Path archive = dir.resolve("fsconform.jsa");
        Path train = Files.createDirectories(dir.resolve("train"));
        List<String> argv = dumpArgv(launcher.java(), jar, archive, train);
        boolean dumped;
        try {
            dumped = Exec.run(argv, dir.resolve("dump.log"), Deadline.in(DUMP_SECONDS), children).ok()
                    && Files.isRegularFile(archive) && Files.size(archive) > 0;
        } catch (EnvFailure f) {
            dumped = false;
        } finally {
            RunDir.deleteTree(train);
        }
        return dumped ? copy.withArchive(archive) : copy;
    }

    /** The dump, by {@code java} for {@code jar}: also what a kernel image runs when it is built. */
    static List<String> dumpArgv(Path java, Path jar, Path archive, Path train) {
        List<String> argv = new ArrayList<>(List.of(java.toString()));
        argv.addAll(Launcher.FAST_START);
        argv.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-Djava.io.tmpdir=" + train, "-jar", jar.toString(), "matrix", "--no-docker", "--json-only", "--probe-threads",
                "--only", TRAINING, "--apps", "none", "--out", train.toString(), "--work-dir", train.toString(),
                "--stream-to", train.toString()));
        return argv;
    }

    /** The archive a launcher maps, or null. */
    static Path archive(Launcher l) {
        String prefix = "-D" + Launcher.CDS_PROPERTY + "=";
        return l.jvmOptions().stream().filter(o -> o.startsWith(prefix)).map(o -> Path.of(o.substring(prefix.length())))
                .findFirst().orElse(null);
    }
}
