package dev.fsconform.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The system tools the lab shells out to. Mounting, loop devices, mkfs and namespaces are the
 * job of these tools; re-implementing them in Java would only add bugs. Each names the Debian
 * package that ships it, so a SKIPPED environment says what to install.
 */
enum Tool {
    UNSHARE("unshare", "util-linux"),
    NSENTER("nsenter", "util-linux"),
    MOUNT("mount", "mount"),
    UMOUNT("umount", "mount"),
    LOSETUP("losetup", "mount"),
    CP("cp", "coreutils"),
    MKDIR("mkdir", "coreutils"),
    MKFS_EXT4("mkfs.ext4", "e2fsprogs"),
    MKFS_XFS("mkfs.xfs", "xfsprogs"),
    MKFS_BTRFS("mkfs.btrfs", "btrfs-progs"),
    BTRFS("btrfs", "btrfs-progs"),
    FUSE_OVERLAYFS("fuse-overlayfs", "fuse-overlayfs"),
    QEMU("qemu-system-x86_64", "qemu-system-x86"),
    BUSYBOX("busybox", "busybox-static"),
    DEPMOD("depmod", "kmod"),
    DPKG_DEB("dpkg-deb", "dpkg"),
    APT_GET("apt-get", "apt"),
    XZ("xz", "xz-utils"),
    ZSTD("zstd", "zstd"),
    RUNSC("runsc", "runsc (bookworm-backports)"),
    BWRAP("bwrap", "bubblewrap"),
    FIREJAIL("firejail", "firejail");

    private final String binary;
    private final String debianPackage;

    Tool(String binary, String debianPackage) {
        this.binary = binary;
        this.debianPackage = debianPackage;
    }

    String binary() {
        return binary;
    }

    String debianPackage() {
        return debianPackage;
    }

    /** mkfs for a filesystem name, if the lab knows one. */
    static Optional<Tool> mkfs(String fs) {
        for (Tool t : values()) {
            if (t.binary.equals("mkfs." + fs)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The absolute path, searching PATH and the sbin directories a non-login root shell may lack. */
    Optional<Path> locate() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, binary);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    String path() {
        return locate().map(Path::toString).orElseThrow(() -> new IllegalStateException(binary + " is not installed"));
    }

    /** Why the listed tools cannot be used, or null when all are installed. */
    static String missing(Iterable<Tool> tools) {
        List<String> absent = new ArrayList<>();
        for (Tool t : tools) {
            if (t.locate().isEmpty()) {
                absent.add(t.binary + " (Debian package " + t.debianPackage + ")");
            }
        }
        return absent.isEmpty() ? null : "needs " + String.join(", ", absent);
    }
}
