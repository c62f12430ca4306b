package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * build-kernel.sh on this host, in an enclave of its own where one can be made, so that a SIGKILL of
 * this JVM ends a download or an unpacking at once instead of leaving it running; what it had unpacked
 * is a partial directory the next build of that kernel removes.
 */
final class HostBuilder implements KernelBuilder {
    private final Path scripts;
    private final Children children;

    HostBuilder(Path scripts, Children children) {
        this.scripts = scripts;
        this.children = children;
    }

    @Override
    public String name() {
        return HOST;
    }

    @Override
    public byte[] busybox() throws IOException {
        Path busybox = Tool.BUSYBOX.locate().orElse(null);
        return busybox == null ? new byte[0] : Files.readAllBytes(busybox);
    }

    @Override
    public int run(List<String> args, Path stdout, Path log, Duration limit) throws IOException, EnvFailure {
        List<String> argv = new ArrayList<>(List.of("bash", scripts.resolve(KernelImages.SCRIPTS[0]).toString()));
        argv.addAll(args);
        String step = log.getFileName().toString().replaceFirst("\\.log$", "");
        Enclave enclave = null;
        try {
            enclave = Enclave.open(!"root".equals(System.getProperty("user.name")), log.resolveSibling(step + ".enclave.log"), children);
        } catch (EnvFailure noNamespaces) {
            // Without namespaces the builder still runs; only a SIGKILL then leaves it to finish alone.
        }
        try {
            return Exec.run(enclave == null ? argv : enclave.inside(argv), stdout, log, Deadline.in((int) limit.toSeconds()),
                    children).exitCode();
        } finally {
            if (enclave != null) {
                enclave.close();
            }
        }
    }

    @Override
    public void close() {
        // Each run's enclave ends with it.
    }
}
