package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Two backends side by side: the probe's directory in {@code primary}, its second directory in
 * {@code second}. Crosses a mount and, when the kinds differ, a filesystem (tmpfs → ext4).
 */
record Pair(Backend primary, Backend second) implements Backend {
    static final String KIND = "pair";

    Pair {
        if (primary == null || second == null) {
            throw new IllegalArgumentException("a pair needs both 'primary' and 'second' backends");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        primary.describeAs("primary", d);
        second.describeAs("second", d);
        return d;
    }

    @Override
    public boolean privileged() {
        return primary.privileged() || second.privileged();
    }

    @Override
    public boolean userNamespace() {
        return primary.userNamespace() || second.userNamespace();
    }

    @Override
    public Set<Tool> tools() {
        Set<Tool> t = EnumSet.noneOf(Tool.class);
        t.addAll(primary.tools());
        t.addAll(second.tools());
        return t;
    }

    @Override
    public Set<String> filesystems() {
        Set<String> f = new HashSet<>(primary.filesystems());
        f.addAll(second.filesystems());
        return f;
    }

    @Override
    public List<Path> externalParents() {
        List<Path> p = new ArrayList<>(primary.externalParents());
        p.addAll(second.externalParents());
        return p;
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Mounted one = primary.setUp(lab, slot + "-1", seed);
        Mounted two = second.setUp(lab, slot + "-2", false);
        return new Mounted(one.dir(), two.dir());
    }
}
