package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The host's QEMU in an enclave of its own (it dies with this JVM, even by SIGKILL), sharing the
 * host's root; the guest runs a copy of this jar with a class-data archive dumped here once per run
 * ({@link ClassArchive}).
 */
final class HostQemu implements KernelLauncher {
    static final String NAME = "host-qemu";

    private final Launcher launcher;
    private final Path runDir;
    private final Children children;
    private Launcher guest;

    HostQemu(Launcher launcher, Path runDir, Children children) {
        this.launcher = launcher;
        this.runDir = runDir;
        this.children = children;
    }

    @Override
    public Guest prepare(String kernel, Path kernelDir, Consumer<String> phase) throws IOException {
        if (guest == null) {
            phase.accept("dumping the class-data archive the guest's JVMs map");
            guest = ClassArchive.prepare(launcher, runDir.resolve("guest"), children);
        }
        KernelImage image = new KernelImage(kernelDir, "", "", "");
        return new Guest(NAME, Path.of(Tool.QEMU.path()), guest.java(), guest.jar(), ClassArchive.archive(guest), image.vmlinuz(),
                image.initramfs());
    }

    @Override
    public int run(Guest g, List<String> argv, Path dir, Path log, Duration limit) throws IOException, EnvFailure {
        try (Enclave enclave = Enclave.open(!"root".equals(System.getProperty("user.name")), dir.resolve("enclave.log"), children)) {
            return Exec.run(enclave.inside(argv), log, Deadline.in((int) limit.toSeconds()), children).exitCode();
        }
    }

    @Override
    public void close() {
        // The enclaves end with each boot; the run directory is KernelLab's.
    }
}
