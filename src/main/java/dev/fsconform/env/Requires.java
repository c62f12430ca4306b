package dev.fsconform.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What building a backend asks of the host: real root or a user namespace of its own, the tools it
 * runs, the kernel filesystems it mounts (a kernel without one gets the environment SKIPPED) and the
 * existing places outside the run directory it makes marked directories in (for the reaper).
 * A backend built from others adds theirs with {@link #with}.
 */
record Requires(boolean privileged, boolean userNamespace, Set<Tool> tools, Set<String> filesystems,
                List<Path> externalParents) {
    Requires {
        tools = tools.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tools));
        filesystems = Set.copyOf(filesystems);
        externalParents = List.copyOf(externalParents);
    }

    /** Mounts outside a user namespace, loop devices: real root. */
    static Requires root(Tool... tools) {
        return new Requires(true, false, Set.of(tools), Set.of(), List.of());
    }

    /** Mounts inside a user namespace of its own, as an unprivileged user would. */
    static Requires ownUserNamespace(Tool... tools) {
        return new Requires(false, true, Set.of(tools), Set.of(), List.of());
    }

    static Requires unprivileged(Tool... tools) {
        return new Requires(false, false, Set.of(tools), Set.of(), List.of());
    }

    /** Exactly what {@code parts} need together, privilege included, and {@code tools} on top. */
    static Requires sum(List<Backend> parts, Tool... tools) {
        boolean root = parts.stream().anyMatch(b -> b.requires().privileged);
        boolean userns = parts.stream().anyMatch(b -> b.requires().userNamespace);
        return new Requires(root, userns, Set.of(tools), Set.of(), List.of()).with(parts.toArray(Backend[]::new));
    }

    Requires mounting(String fs) {
        Set<String> f = new HashSet<>(filesystems);
        f.add(fs);
        return new Requires(privileged, userNamespace, tools, f, externalParents);
    }

    Requires under(Path parent) {
        List<Path> p = new ArrayList<>(externalParents);
        p.add(parent);
        return new Requires(privileged, userNamespace, tools, filesystems, p);
    }

    /** Adds the tools, filesystems and outside places of the backends it is built on (null ones are absent); keeps its own privilege. */
    Requires with(Backend... parts) {
        Set<Tool> t = tools.isEmpty() ? EnumSet.noneOf(Tool.class) : EnumSet.copyOf(tools);
        Set<String> f = new HashSet<>(filesystems);
        List<Path> p = new ArrayList<>(externalParents);
        for (Backend b : parts) {
            if (b != null) {
                t.addAll(b.requires().tools);
                f.addAll(b.requires().filesystems);
                p.addAll(b.requires().externalParents);
            }
        }
        return new Requires(privileged, userNamespace, t, f, p);
    }
}
