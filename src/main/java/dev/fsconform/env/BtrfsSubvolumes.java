package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One btrfs filesystem with two subvolumes: the probe's directory is one, its second directory the
 * other. Same mount, different subvolumes: the cross-mount scenarios become cross-subvolume ones.
 */
@JsonTypeName("btrfs-subvolumes")
record BtrfsSubvolumes(String size) implements Backend {

    BtrfsSubvolumes {
        Sizes.parse(size, "size");
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("fs", "btrfs", "size", size);
    }

    @Override
    public Requires requires() {
        return Requires.root(Tool.MOUNT, Tool.CP, Tool.MKFS_BTRFS, Tool.BTRFS).mounting("btrfs");
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Path mp = LoopFs.mountImage(lab, slot, "btrfs", size, List.of("-q"), "");
        Path a = mp.resolve("subvol-a");
        Path b = mp.resolve("subvol-b");
        // btrfs(8) is the tool that makes subvolumes.
        for (Path sub : List.of(a, b)) {
            lab.run("btrfs subvolume create", List.of(Tool.BTRFS.path(), "subvolume", "create", sub.toString()));
        }
        return new Mounted(lab.seeded(a, seed).dir(), b);
    }
}
