package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fuse-overlayfs over the run's seed tree: overlay semantics implemented in user space, without
 * redirects. {@code upper} and {@code lower} say which filesystems hold the layers ({@link Layers}).
 */
@JsonTypeName("fuse-overlayfs")
record FuseOverlay(String options, Backend upper, Backend lower) implements Backend {

    FuseOverlay {
        options = Sizes.options(options, "options");
        upper = upper == null ? Layers.defaultUpper(false) : upper;
        Layers.checkUsable(upper, "upper", false);
        Layers.checkUsable(lower, "lower", false);
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
    public Requires requires() {
        return Requires.root(Tool.FUSE_OVERLAYFS, Tool.MKDIR).mounting("fuse").with(upper, lower);
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw EnvFailure.skipped("no /dev/fuse on this machine");
        }
        Layers l = Layers.build(lab, upper, lower, 1, slot);
        Path merged = lab.dir(slot);
        String all = l.mountOptions(options);
        // The daemon forks into the background inside the enclave's pid namespace and dies with it.
        lab.mount("fuse-overlayfs", "fuse", List.of(Tool.FUSE_OVERLAYFS.path(), "-o", all, merged.toString()));
        return new Mounted(merged, null);
    }
}
