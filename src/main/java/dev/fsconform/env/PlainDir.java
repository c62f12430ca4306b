package dev.fsconform.env;

import dev.fsconform.input.Quote;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain directory: in the run directory, or (with {@code under}) in a fresh marked directory under
 * another existing place such as /dev/shm. Needs no privilege.
 */
record PlainDir(String under) implements Backend {
    static final String KIND = "dir";

    PlainDir {
        if (under != null && !Path.of(under).isAbsolute()) {
            throw new IllegalArgumentException("under must be an absolute path (got " + Quote.of(under) + ")");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, String> describe() {
        return under == null ? Map.of() : Map.of("under", under);
    }

    @Override
    public boolean privileged() {
        return false;
    }

    @Override
    public Set<Tool> tools() {
        return Set.of(Tool.CP);
    }

    @Override
    public List<Path> externalParents() {
        return under == null ? List.of() : List.of(Path.of(under));
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Path d = under == null ? lab.dir(slot) : lab.externalDir(Path.of(under));
        if (seed) {
            lab.seed(d);
        }
        return new Mounted(d, null);
    }
}
