package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fuse-overlayfs over the run's seed tree: overlay semantics implemented in user space, without
 * redirects. {@code upper} is the filesystem of its upper and work directories ({@link UpperLayer}).
 */
record FuseOverlay(String options, Backend upper) implements Backend {
    static final String KIND = "fuse-overlayfs";

    FuseOverlay {
        options = Sizes.options(options, "options");
        upper = upper == null ? UpperLayer.defaultFor(false) : upper;
        UpperLayer.checkUsable(upper, false);
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
        UpperLayer.describe(upper, d);
        return d;
    }

    @Override
    public boolean privileged() {
        return true;
    }

    @Override
    public Set<Tool> tools() {
        Set<Tool> t = EnumSet.of(Tool.FUSE_OVERLAYFS, Tool.MKDIR);
        t.addAll(upper.tools());
        return t;
    }

    @Override
    public Set<String> filesystems() {
        Set<String> f = new HashSet<>(upper.filesystems());
        f.add("fuse");
        return f;
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw EnvFailure.skipped("no /dev/fuse on this machine");
        }
        UpperLayer up = UpperLayer.build(lab, upper, slot);
        Path merged = lab.dir(slot);
        String all = "lowerdir=" + lab.seedLayers().seed() + ",upperdir=" + up.upper() + ",workdir=" + up.work()
                + (options.isEmpty() ? "" : "," + options);
        // The daemon forks into the background inside the enclave's pid namespace and dies with it.
        lab.mount("fuse-overlayfs", "fuse", List.of(Tool.FUSE_OVERLAYFS.path(), "-o", all, merged.toString()));
        return new Mounted(merged, null);
    }
}
