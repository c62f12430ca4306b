package dev.fsconform.env;

import java.nio.file.Path;

/**
 * A kernel ready to boot, from fsconform's cache: {@code dir} holds vmlinuz (what QEMU's -kernel
 * boots: the uncompressed ELF with its PVH entry where the kernel has one, the bzImage otherwise),
 * initramfs.gz, release (uname -r), modules (what the initramfs loads) and packages (the Debian
 * packages it came from).
 *
 * @param how "built" (downloaded and built now), "cached" or "cached, offline" (the suite's package
 *            lists could not be read, the last image built for this kernel is used)
 */
record KernelImage(Path dir, String release, String packages, String how) {
    Path vmlinuz() {
        return dir.resolve("vmlinuz");
    }

    Path initramfs() {
        return dir.resolve("initramfs.gz");
    }
}
