package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fresh tmpfs mount. */
record Tmpfs(String options) implements Backend {
    static final String KIND = "tmpfs";

    Tmpfs {
        options = Sizes.options(options, "options");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> describe() {
        return options.isEmpty() ? Map.of() : Map.of("options", options);
    }

    @Override
    public boolean privileged() {
        return true;
    }

    @Override
    public Set<Tool> tools() {
        return Set.of(Tool.MOUNT, Tool.CP);
    }

    @Override
    public Set<String> filesystems() {
        return Set.of("tmpfs");
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Path mp = lab.dir(slot);
        lab.mount("mount tmpfs", "tmpfs", List.of(Tool.MOUNT.path(), "-t", "tmpfs", "-o", options.isEmpty() ? "defaults" : options,
                "fsconform-tmpfs", mp.toString()));
        if (seed) {
            lab.seed(mp);
        }
        return new Mounted(mp, null);
    }
}
