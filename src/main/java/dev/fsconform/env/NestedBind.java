package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bind mount nested inside another backend (typically an overlay): one of its own directories bound
 * onto another place within it. The probe's second directory is the bind mount: same filesystem,
 * another vfsmount, as with a volume bound into a container's root.
 */
record NestedBind(Backend inside) implements Backend {
    static final String KIND = "nested-bind";

    NestedBind {
        if (inside == null) {
            throw new IllegalArgumentException("nested-bind needs the backend it is 'inside'");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        inside.describeAs("inside", d);
        return d;
    }

    @Override
    public boolean privileged() {
        return inside.privileged();
    }

    @Override
    public boolean userNamespace() {
        return inside.userNamespace();
    }

    @Override
    public Set<Tool> tools() {
        Set<Tool> t = EnumSet.of(Tool.MOUNT, Tool.MKDIR);
        t.addAll(inside.tools());
        return t;
    }

    @Override
    public Set<String> filesystems() {
        return inside.filesystems();
    }

    @Override
    public List<Path> externalParents() {
        return inside.externalParents();
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Mounted base = inside.setUp(lab, slot, seed);
        Path source = base.dir().resolve("fsconform-bind-source");
        Path target = base.dir().resolve("fsconform-bind-target");
        // Both directories live in the mounted backend, so only the enclave sees where to make them.
        lab.run("mkdir in backend", List.of(Tool.MKDIR.path(), "-p", source.toString(), target.toString()));
        lab.mount("nested bind mount", null, List.of(Tool.MOUNT.path(), "--bind", source.toString(), target.toString()));
        return new Mounted(base.dir(), target, base.facts());
    }
}
