package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.fsconform.input.Quote;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plain directory: in the run directory, or (with {@code under}) in a fresh marked directory under
 * another existing place such as /dev/shm. Needs no privilege.
 */
@JsonTypeName("dir")
record PlainDir(String under) implements Backend {

    PlainDir {
        if (under != null && !Path.of(under).isAbsolute()) {
            throw new IllegalArgumentException("under must be an absolute path (got " + Quote.of(under) + ")");
        }
    }

    @Override
    public Map<String, String> describe() {
        return under == null ? Map.of() : Map.of("under", under);
    }

    @Override
    public Requires requires() {
        Requires r = Requires.unprivileged(Tool.CP);
        return under == null ? r : r.under(Path.of(under));
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        return lab.seeded(under == null ? lab.dir(slot) : lab.externalDir(Path.of(under)), seed);
    }
}
