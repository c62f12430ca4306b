package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Where a kernel guest's QEMU runs: on this host ({@code host-qemu}, the host's root is the guest's),
 * or in a container of a locally built image holding QEMU, the kernel, its initramfs and this jar
 * ({@code image:TAG}, the container's root is the guest's). Both boot the same QEMU command line and
 * the same guest script ({@link Qemu}, {@link KernelGuest}); only the paths in them differ, as this
 * launcher's {@link Guest} names them. {@code -Dfsconform.kernels.launcher=host|image} chooses; see
 * {@link KernelLab#launcher}.
 */
public interface KernelLauncher extends AutoCloseable {
    String HOST = "host";
    String IMAGE = "image";

    /** Readies kernel {@code kernel} (built in {@code kernelDir} of the kernel cache) to boot. */
    Guest prepare(String kernel, Path kernelDir, Consumer<String> phase) throws IOException, EnvFailure;

    /**
     * Runs QEMU's {@code argv} until it exits; its output goes to {@code log}. {@code dir} (which holds
     * the results share) is where it is on the host, for QEMU too. Past {@code limit} QEMU is killed
     * and this throws a TIMEOUT failure.
     *
     * @return QEMU's exit code
     */
    int run(Guest guest, List<String> argv, Path dir, Path log, Duration limit) throws IOException, EnvFailure;

    @Override
    void close();

    /**
     * A guest as QEMU's process sees it.
     *
     * @param launcher what each row's {@code kernel.launcher} says: {@code host-qemu} or {@code image:TAG}
     * @param archive the class-data archive dumped for {@code jar} by {@code java}, or null
     */
    record Guest(String launcher, Path qemu, Path java, Path jar, Path archive, Path vmlinuz, Path initramfs) {
        /** How the guest's host lab is started: its Java on its jar, mapping the archive. */
        Launcher fsconform() {
            Launcher l = new Launcher(java, jar, Launcher.FAST_START);
            return archive == null ? l : l.withArchive(archive);
        }
    }

    /**
     * The shell line that dumps {@code archive} for {@code jar} as the guest's JVM will map it (train: a
     * scratch directory). Its commands are joined with {@code ;}: each runs whatever the one before exited with.
     */
    static String classArchiveDump(Path java, Path jar, Path archive, Path train) {
        return ClassArchive.dumpCommands(java, jar, archive, train).stream()
                .map(argv -> argv.stream().map(KernelGuest::quote).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("; "));
    }

    /** Makes the image launcher (the container code lives in another package). */
    interface Factory {
        KernelLauncher open() throws EnvFailure;
    }
}
