package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two bind mounts of one directory: the same filesystem, the same files, two vfsmounts. The probe's
 * directory is one, its second directory the other. The directory is the root of {@code of}
 * (default: a directory in the run directory).
 */
@JsonTypeName("bind-pair")
record BindPair(Backend of) implements Backend {

    BindPair {
        of = of == null ? new PlainDir(null) : of;
        if (of instanceof Pair || of instanceof BindPair || of instanceof NestedBind) {
            throw new IllegalArgumentException("of must be a backend with one directory (got " + of.kind() + ")");
        }
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        of.describeAs("of", d);
        return d;
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
