package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two backends side by side: the probe's directory in {@code primary}, its second directory in
 * {@code second}. Crosses a mount and, when the kinds differ, a filesystem (tmpfs → ext4).
 */
@JsonTypeName("pair")
record Pair(Backend primary, Backend second) implements Backend {

    Pair {
        if (primary == null || second == null) {
            throw new IllegalArgumentException("a pair needs both 'primary' and 'second' backends");
        }
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        primary.describeAs("primary", d);
        second.describeAs("second", d);
        return d;
    }

    @Override
    public boolean oneMount() {
        return false;
    }

    @Override
    public Requires requires() {
        return Requires.sum(List.of(primary, second));
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        Mounted one = primary.setUp(lab, slot + "-1", seed);
        Mounted two = second.setUp(lab, slot + "-2", false);
        return new Mounted(one.dir(), two.dir());
    }
}
