package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fuse-overlayfs over the run's seed tree: overlay semantics implemented in user space, without
 * redirects. {@code upper} and {@code lower} say which filesystems hold the layers ({@link Layers}).
 */
record FuseOverlay(String options, Backend upper, Backend lower) implements Backend {
    static final String KIND = "fuse-overlayfs";

    FuseOverlay {
        options = Sizes.options(options, "options");
        upper = upper == null ? Layers.defaultUpper(false) : upper;
        Layers.checkUsable(upper, "upper", false);
        Layers.checkUsable(lower, "lower", false);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        if (!options.isEmpty()) {
            d.put("options", options);
        }
        Layers.describe(upper, lower, d);
        return d;
    }

    @Override
    public boolean privileged() {
        return true;
    }

    @Override
    public Set<Tool> tools() {
        return Layers.tools(upper, lower, Tool.FUSE_OVERLAYFS, Tool.MKDIR);
    }

    @Override
    public Set<String> filesystems() {
        return Layers.filesystems(upper, lower, "fuse");
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw EnvFailure.skipped("no /dev/fuse on this machine");
        }
        Layers l = Layers.build(lab, upper, lower, 1, slot);
        Path merged = lab.dir(slot);
        String all = "lowerdir=" + l.lowerdir() + ",upperdir=" + l.upper() + ",workdir=" + l.work()
                + (options.isEmpty() ? "" : "," + options);
        // The daemon forks into the background inside the enclave's pid namespace and dies with it.
        lab.mount("fuse-overlayfs", "fuse", List.of(Tool.FUSE_OVERLAYFS.path(), "-o", all, merged.toString()));
        return new Mounted(merged, null);
    }
}
