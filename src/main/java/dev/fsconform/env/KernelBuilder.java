package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where build-kernel.sh fetches and builds a kernel into the cache: on this host ({@code host}: the
 * host's apt, dpkg-deb, busybox-static, kmod, xz and zstd), or in a container of the
 * {@code kernel-tools} image, which has them all ({@code image:TAG}), so a host without Debian's apt
 * still gets the kernel axis. Both run the same script on the same cache directory at the same path;
 * an entry is shared between them exactly when its inputs are equal, the busybox binary the builder
 * puts into the initramfs among them. {@code -Dfsconform.kernels.builder=host|image} chooses; see
 * {@link KernelLab#builder}.
 */
public interface KernelBuilder extends AutoCloseable {
    String HOST = "host";
    String IMAGE = "image";

    /** What the progress lines say built a kernel: {@code host} or {@code image:TAG}. */
    String name();

    /** The busybox binary this builder's initramfs gets (empty when there is none): part of the cache key. */
    byte[] busybox() throws IOException, EnvFailure;

    /**
     * Runs {@code build-kernel.sh ARGS} with its standard output in {@code stdout} and its errors in
     * {@code log}; past {@code limit} it is killed and this throws a TIMEOUT failure.
     *
     * @return the script's exit code
     */
    int run(List<String> args, Path stdout, Path log, Duration limit) throws IOException, EnvFailure;

    @Override
    void close();

    /** Makes the image builder (the container code lives in another package). */
    interface Factory {
        /**
         * @param scripts where build-kernel.sh and apt-suite.sh are ({@link KernelImages#SCRIPTS} below it)
         * @param cacheRoot FSCONFORM_IMAGE_CACHE: the kernel cache and apt-suite.sh's package lists and .debs
         */
        KernelBuilder open(Path scripts, Path cacheRoot, Consumer<String> progress) throws EnvFailure;
    }
}
