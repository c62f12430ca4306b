package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where an overlay keeps its upper and work directories: in a backend of their own. By default an ext4
 * loop image, like Docker's overlay2 on an ext4 /var/lib/docker; it also keeps copy-up fsyncs off the
 * host disk's journal, whose latency made overlays several times slower than every other backend.
 * In a user namespace no loop device can be had, so there the default is the run directory.
 */
record UpperLayer(Path upper, Path work) {

    static Backend defaultFor(boolean userns) {
        return userns ? new PlainDir(null) : new LoopFs("ext4", "128M", null, null);
    }

    /** A user namespace can mount only what needs no device: a directory or a tmpfs. */
    static void checkUsable(Backend upper, boolean userns) {
        if (userns && !(upper instanceof PlainDir || upper instanceof Tmpfs)) {
            throw new IllegalArgumentException("upper must be a dir or tmpfs in a user namespace (got " + upper.kind() + ")");
        }
        if (upper instanceof Pair || upper instanceof BindPair || upper instanceof BtrfsSubvolumes
                || upper instanceof NestedBind || upper instanceof Overlay || upper instanceof FuseOverlay) {
            throw new IllegalArgumentException("upper must be a dir, tmpfs or loop-fs (got " + upper.kind() + ")");
        }
    }

    static UpperLayer build(Lab lab, Backend fs, String slot) throws IOException, EnvFailure {
        Path root = fs.setUp(lab, slot + "-upperfs", false).dir();
        UpperLayer l = new UpperLayer(root.resolve("upper"), root.resolve("work"));
        // Made inside the enclave: the upper filesystem may be mounted only there.
        lab.run("mkdir upper and work", List.of(Tool.MKDIR.path(), "-p", l.upper.toString(), l.work.toString()));
        return l;
    }

    static void describe(Backend fs, Map<String, String> into) {
        into.put("upper", fs.kind());
        fs.describe().forEach((k, v) -> into.put("upper." + k, v));
    }
}
