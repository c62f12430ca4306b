package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an overlay's layers live. The upper and work directories get a backend of their own
 * ({@code upper}): by default an ext4 loop image, like Docker's overlay2 on an ext4 /var/lib/docker,
 * which also keeps copy-up fsyncs off the host disk's journal (that latency made overlays several
 * times slower than anything else). Lower layers go on the same filesystem unless {@code lower}
 * names another: with lower and upper on different filesystems overlayfs cannot keep a file's inode
 * number across copy-up, which changes what a probe sees (a link to a lower file names a new inode).
 * A {@code dir} backend means the run directory itself, where the shared seed layers already are.
 * In a user namespace no loop device can be had, so there the default upper is the run directory.
 */
record Layers(List<Path> lowers, Path upper, Path work) {

    static Backend defaultUpper(boolean userns) {
        return userns ? new PlainDir(null) : new LoopFs("ext4", "128M", null, null);
    }

    /** A user namespace can mount only what needs no device: a directory or a tmpfs. */
    static void checkUsable(Backend fs, String field, boolean userns) {
        if (fs == null) {
            return;
        }
        if (userns && !(fs instanceof PlainDir || fs instanceof Tmpfs)) {
            throw new IllegalArgumentException(field + " must be a dir or tmpfs in a user namespace (got " + fs.kind() + ")");
        }
        if (!(fs instanceof PlainDir || fs instanceof Tmpfs || fs instanceof LoopFs)) {
            throw new IllegalArgumentException(field + " must be a dir, tmpfs or loop-fs (got " + fs.kind() + ")");
        }
    }

    /** Builds upper and work on {@code upperFs}, and {@code count} lower layers on {@code lowerFs} (null: the upper's). */
    static Layers build(Lab lab, Backend upperFs, Backend lowerFs, int count, String slot) throws IOException, EnvFailure {
        Path upperRoot = upperFs.setUp(lab, slot + "-upperfs", false).dir();
        Path upper = upperRoot.resolve("upper");
        Path work = upperRoot.resolve("work");
        // Made inside the enclave: the upper filesystem may be mounted only there.
        lab.run("mkdir upper and work", List.of(Tool.MKDIR.path(), "-p", upper.toString(), work.toString()));
        Backend lowerHome = lowerFs == null ? upperFs : lowerFs;
        List<Path> shared = new ArrayList<>();
        for (int i = count - 1; i >= 1; i--) {
            shared.add(lab.seedLayers().skeleton(i));
        }
        shared.add(lab.seedLayers().seed());
        if (runDirectory(lowerHome)) {
            return new Layers(shared, upper, work);
        }
        Path lowerRoot = lowerFs == null ? upperRoot : lowerFs.setUp(lab, slot + "-lowerfs", false).dir();
        List<Path> copies = new ArrayList<>();
        for (Path layer : shared) {
            Path copy = lowerRoot.resolve("lower-" + copies.size());
            lab.run("copy a lower layer", List.of(Tool.CP.path(), "-a", "--", layer.toString(), copy.toString()));
            copies.add(copy);
        }
        return new Layers(copies, upper, work);
    }

    private static boolean runDirectory(Backend fs) {
        return fs instanceof PlainDir && ((PlainDir) fs).under() == null;
    }

    String lowerdir() {
        return String.join(":", lowers.stream().map(Path::toString).toList());
    }

    /** lowerdir, upperdir and workdir for mount -o, then the entry's own {@code options}. */
    String mountOptions(String options) {
        return "lowerdir=" + lowerdir() + ",upperdir=" + upper + ",workdir=" + work + (options.isEmpty() ? "" : "," + options);
    }

    static void describe(Backend upper, Backend lower, Map<String, String> into) {
        upper.describeAs("upper", into);
        if (lower == null) {
            into.put("lower", "on the upper's filesystem");
        } else {
            lower.describeAs("lower", into);
        }
    }
}
