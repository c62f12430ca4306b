package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bind mount nested inside another backend (typically an overlay): one of its own directories bound
 * onto another place within it. The probe's second directory is the bind mount: same filesystem,
 * another vfsmount, as with a volume bound into a container's root.
 */
@JsonTypeName("nested-bind")
record NestedBind(Backend inside) implements Backend {

    NestedBind {
        if (inside == null) {
            throw new IllegalArgumentException("nested-bind needs the backend it is 'inside'");
        }
    }

    @Override
    public Map<String, String> describe() {
        return inside.describedAs("inside");
    }

    @Override
    public boolean oneMount() {
        return false;
    }

    @Override
    public Requires requires() {
        return Requires.sum(List.of(inside), Tool.MOUNT, Tool.MKDIR);
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Mounted base = inside.setUp(lab, slot, seed);
        Path source = base.dir().resolve("fsconform-bind-source");
        Path target = base.dir().resolve("fsconform-bind-target");
        // Both directories live in the mounted backend, so only the enclave sees where to make them.
        lab.run("mkdir in backend", List.of(Tool.MKDIR.path(), "-p", source.toString(), target.toString()));
        lab.bind("nested bind mount", source, target);
        return new Mounted(base.dir(), target, base.facts());
    }
}
