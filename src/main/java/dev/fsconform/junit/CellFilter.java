package dev.fsconform.junit;

import dev.fsconform.result.Observation;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * Which cells become tests: globs over {@code OPERATION:SCENARIO}; none means all. The system property
 * {@value #PROPERTY} (comma-separated) wins over the spec, so one cell can be rerun from the command line.
 */
record CellFilter(List<String> globs, List<PathMatcher> matchers) {
    static final String PROPERTY = "fsconform.cells";

    static CellFilter of(List<String> fromSpec) {
        String property = System.getProperty(PROPERTY);
        List<String> globs = property != null && !property.isBlank()
                ? Arrays.stream(property.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList() : fromSpec;
        return new CellFilter(globs, globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList());
    }

    boolean selects(Observation o) {
        if (matchers.isEmpty()) {
            return true;
        }
        // A glob's '*' does not cross '/', and no id has one: the key is one path name.
        Path key = Path.of(o.cell().text());
        return matchers.stream().anyMatch(m -> m.matches(key));
    }
}
