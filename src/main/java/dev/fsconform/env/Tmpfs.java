package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A fresh tmpfs mount. */
@JsonTypeName("tmpfs")
record Tmpfs(String options) implements Backend {

    Tmpfs {
        options = Sizes.options(options, "options");
    }

    @Override
    public Map<String, String> describe() {
        return options.isEmpty() ? Map.of() : Map.of("options", options);
    }

    @Override
    public Requires requires() {
        return Requires.root(Tool.MOUNT, Tool.CP).mounting("tmpfs");
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Path mp = lab.dir(slot);
        lab.mount("mount tmpfs", "tmpfs", List.of(Tool.MOUNT.path(), "-t", "tmpfs", "-o", options.isEmpty() ? "defaults" : options,
                "fsconform-tmpfs", mp.toString()));
        return lab.seeded(mp, seed);
    }
}
