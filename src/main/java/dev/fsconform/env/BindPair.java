package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Two bind mounts of one directory: the same filesystem, the same files, two vfsmounts. The probe's
 * directory is one, its second directory the other. The directory is the root of {@code of}
 * (default: a directory in the run directory).
 */
@JsonTypeName("bind-pair")
record BindPair(Backend of) implements OverOne {

    BindPair {
        of = Backend.oneMount(of, "of");
    }

    @Override
    public Requires requires() {
        return Requires.root(Tool.MOUNT, Tool.CP).with(of);
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Path shared = of.setUp(lab, slot + "-shared", seed).dir();
        Path a = lab.dir(slot + "-a");
        Path b = lab.dir(slot + "-b");
        lab.bind("bind mount a", shared, a);
        lab.bind("bind mount b", shared, b);
        return new Mounted(a, b);
    }
}
