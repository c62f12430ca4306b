package dev.fsconform.junit;

import dev.fsconform.validate.Profile;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox a driver author wants checked: how to get inside it, which directories to test there,
 * and which profile it must honour. Immutable; build it with {@link #exec} and the {@code with…}s.
 */
public record SandboxSpec(String execPrefix, List<String> dirs, Profile expect, Path stage, String java) {

    public SandboxSpec {
        dirs = List.copyOf(dirs);
    }

    /** A sandbox entered through a command prefix, e.g. {@code "bwrap --bind / / --"}. */
    public static SandboxSpec exec(String prefix) {
        return new SandboxSpec(prefix, List.of(), Profile.AGENT_SANDBOX, null, null);
    }

    public SandboxSpec withDirs(String... paths) {
        return new SandboxSpec(execPrefix, List.of(paths), expect, stage, java);
    }

    public SandboxSpec expecting(Profile profile) {
        return new SandboxSpec(execPrefix, dirs, profile, stage, java);
    }

    /** Stage the probe and a Java runtime into a directory the sandbox can see. */
    public SandboxSpec stagedIn(Path dir) {
        return new SandboxSpec(execPrefix, dirs, expect, dir, java);
    }

    public SandboxSpec withJava(String path) {
        return new SandboxSpec(execPrefix, dirs, expect, stage, path);
    }
}
