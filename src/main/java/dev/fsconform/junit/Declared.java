package dev.fsconform.junit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fsconform.input.BoundedText;
import dev.fsconform.input.Limits;
import dev.fsconform.input.Mappers;
import dev.fsconform.input.Quote;
import dev.fsconform.result.Observation;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;

/**
 * Outcomes a sandbox produces on purpose, declared by its author with a rationale: a cell one of
 * them covers passes instead of failing, and says which declaration made it pass. Read once from a
 * YAML file; a malformed file is one line naming the file and the problem.
 */
record Declared(List<Entry> declared) {
    static final Declared NONE = new Declared(List.of());
    private static final ObjectMapper YAML = Mappers.yaml().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * @param cells globs over {@code OPERATION:SCENARIO}
     * @param outcomes the outcomes declared (OK, EXDEV, EPERM …); empty or absent: any outcome
     * @param rationale why the sandbox does this on purpose; required
     */
    record Entry(List<String> cells, List<String> outcomes, String rationale) {
        Entry {
            cells = cells == null ? List.of() : List.copyOf(cells);
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }

        boolean covers(Observation o) {
            Path key = Path.of(o.operation() + ":" + o.scenario());
            boolean cell = cells.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).anyMatch(m -> m.matches(key));
            // A cell that did not run has no outcome: only a declaration of any outcome covers it.
            return cell && (outcomes.isEmpty() || o.outcome() != null && outcomes.contains(o.outcome()));
        }
    }

    Declared {
        declared = declared == null ? List.of() : List.copyOf(declared);
    }

    static Declared load(Path file) {
        Declared d;
        try {
            d = YAML.readValue(BoundedText.read(file, Limits.CATALOGUE_BYTES), Declared.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": not a declared-outcomes file (" + Quote.firstLine(e.getOriginalMessage()) + ")");
        } catch (BoundedText.Unreadable e) {
            throw new IllegalArgumentException("cannot read declared outcomes " + file + ": " + e.getMessage());
        }
        if (d == null) {
            return NONE;
        }
        for (int i = 0; i < d.declared().size(); i++) {
            Entry e = d.declared().get(i);
            if (e.cells().isEmpty()) {
                throw new IllegalArgumentException(file + ": declared[" + i + "] names no cells");
            }
            if (e.rationale() == null || e.rationale().isBlank()) {
                throw new IllegalArgumentException(file + ": declared[" + i + "] (" + Quote.of(String.join(", ", e.cells())) + ") has no rationale");
            }
            for (String g : e.cells()) {
                try {
                    FileSystems.getDefault().getPathMatcher("glob:" + g);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(file + ": declared[" + i + "]: bad glob " + Quote.of(g));
                }
            }
        }
        return d;
    }

    Optional<Entry> covering(Observation o) {
        return declared.stream().filter(e -> e.covers(o)).findFirst();
    }
}
