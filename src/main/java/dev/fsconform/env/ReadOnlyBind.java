package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.fsconform.probe.Seeds;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The seed tree on a read-only bind mount of itself, inside the directory of {@code of} (default: a
 * directory in the run directory), while the rest of that directory stays writable: an image's files
 * under {@code docker run --read-only} or bwrap's {@code --ro-bind}, next to a writable scratch place.
 * Every seeded cell then writes to a read-only mount, which the kernel refuses with EROFS.
 */
@JsonTypeName("ro-bind")
record ReadOnlyBind(Backend of) implements OverOne {

    ReadOnlyBind {
        of = Backend.oneMount(of, "of");
    }

    @Override
    public Requires requires() {
        return Requires.root(Tool.MOUNT).with(of);
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        if (!seed) {
            throw EnvFailure.setupError("ro-bind makes the seed tree read-only, so it must be the probe's directory, not a second one");
        }
        Mounted base = of.setUp(lab, slot, true);
        Path tree = base.dir().resolve(Seeds.DIR_NAME);
        // mount(8) binds, then remounts the bind read-only; only the probe's view of the tree is read-only.
        lab.bind("bind the seed tree read-only", tree, tree, "ro");
        return base;
    }
}
