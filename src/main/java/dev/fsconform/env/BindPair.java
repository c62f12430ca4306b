package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two bind mounts of one directory: the same filesystem, the same files, two vfsmounts. The probe's
 * directory is one, its second directory the other. The directory is the root of {@code of}
 * (default: a directory in the run directory).
 */
record BindPair(Backend of) implements Backend {
    static final String KIND = "bind-pair";

    BindPair {
        of = of == null ? new PlainDir(null) : of;
        if (of instanceof Pair || of instanceof BindPair || of instanceof NestedBind) {
            throw new IllegalArgumentException("of must be a backend with one directory (got " + of.kind() + ")");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        of.describeAs("of", d);
        return d;
    }

    @Override
    public boolean privileged() {
        return true;
    }

    @Override
    public Set<Tool> tools() {
        Set<Tool> t = EnumSet.of(Tool.MOUNT, Tool.CP);
        t.addAll(of.tools());
        return t;
    }

    @Override
    public Set<String> filesystems() {
        return of.filesystems();
    }

    @Override
    public List<Path> externalParents() {
        return of.externalParents();
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Path shared = of.setUp(lab, slot + "-shared", seed).dir();
        Path a = lab.dir(slot + "-a");
        Path b = lab.dir(slot + "-b");
        lab.mount("bind mount a", null, List.of(Tool.MOUNT.path(), "--bind", shared.toString(), a.toString()));
        lab.mount("bind mount b", null, List.of(Tool.MOUNT.path(), "--bind", shared.toString(), b.toString()));
        return new Mounted(a, b);
    }
}
