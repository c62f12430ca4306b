package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The host's QEMU in an enclave of its own (it dies with this JVM, even by SIGKILL), sharing the
 * host's root; the guest runs a copy of this jar with a class-data archive, both kept in the cache
 * ({@link ClassArchive}) and dumped again only for another jar or JDK.
 */
final class HostQemu implements KernelLauncher {
    static final String NAME = "host-qemu";

    private final Launcher launcher;
    private final Path runDir;
    private final Children children;
    private ClassArchive guest;

    HostQemu(Launcher launcher, Path runDir, Children children) {
        this.launcher = launcher;
        this.runDir = runDir;
        this.children = children;
    }

    @Override
    public Guest prepare(String kernel, Path kernelDir, Consumer<String> phase) throws IOException {
        if (guest == null) {
            phase.accept("class-data archive for the guest's JVMs");
            guest = ClassArchive.open(launcher, KernelImages.cacheRoot().resolve("guest-jar"), children);
            phase.accept("class-data archive " + guest.how());
        }
        KernelImage image = new KernelImage(kernelDir, "", "", "");
        return new Guest(NAME, Path.of(Tool.QEMU.path()), launcher.java(), guest.jar(), guest.archive(), image.vmlinuz(),
                image.initramfs());
    }

    @Override
    public int run(Guest g, List<String> argv, Path dir, Path log, Duration limit) throws IOException, EnvFailure {
        try (Enclave enclave = Enclave.open(!"root".equals(System.getProperty("user.name")), dir.resolve("enclave.log"), children)) {
            return Exec.run(enclave.inside(argv), log, Deadline.in((int) limit.toSeconds()), children).exitCode();
        }
    }

    /** The enclaves end with each boot and the run directory is KernelLab's: what is left is the cache entry's lock. */
    @Override
    public void close() {
        if (guest != null) {
            try {
                guest.close();
            } catch (IOException e) {
                // Closing the lock's channel failed: the lock goes with this process anyway.
            }
        }
    }
}
