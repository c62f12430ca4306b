package dev.fsconform.grade;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fsconform.input.Mappers;
import dev.fsconform.input.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An expectation table: rows tried in order, the first row that covers a cell and lists its
 * outcome decides the grade. Specific rows therefore come before general ones. Loading validates
 * every row, so a typo fails at start-up with the row's id instead of silently matching nothing.
 */
public final class Expectations {
    static final String STANDARD = "/dev/fsconform/grade/expectations.yaml";
    private static final ObjectMapper YAML = Mappers.yaml()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    record Table(String name, Map<String, List<String>> groups, List<Row> rows) {
    }

    private final String name;
    private final List<Row> rows;

    private Expectations(String name, List<Row> rows) {
        this.name = name;
        this.rows = List.copyOf(rows);
    }

    /** The table shipped with fsconform. */
    public static Expectations standard() {
        try (InputStream in = Expectations.class.getResourceAsStream(STANDARD)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + STANDARD);
            }
            return load(in, STANDARD);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STANDARD, e);
        }
    }

    /** Parses and validates a table; {@code origin} names it in error messages. */
    public static Expectations load(InputStream yaml, String origin) {
        Table t;
        try {
            t = YAML.readValue(yaml, Table.class);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            String at = e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0
                    ? ":" + j.getLocation().getLineNr() : "";
            throw new IllegalArgumentException(origin + at + ": not an expectation table: " + Quote.firstLine(why), e);
        }
        List<Row> rows = TableCheck.expandAndValidate(t, origin);
        return new Expectations(t.name() == null ? origin : t.name(), rows);
    }

    public String name() {
        return name;
    }

    public int size() {
        return rows.size();
    }

    List<Row> rows() {
        return rows;
    }

    /** The first row that covers the cell and lists its outcome. */
    /**
     * The outcome patterns this table grades as one of {@code grades} for the cell's shape, in table
     * order; each pattern counts at the first row that lists it, as {@link #decide} reads the table.
     */
    List<String> outcomes(Cell cell, java.util.Set<Grade> grades) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> out = new java.util.ArrayList<>();
        for (Row r : rows) {
            if (!RowMatch.covers(r, cell)) {
                continue;
            }
            for (String outcome : r.outcomes()) {
                if (seen.add(outcome) && grades.contains(r.grade())) {
                    out.add(outcome);
                }
            }
        }
        return out;
    }

    Optional<Row> decide(Cell cell) {
        return rows.stream().filter(r -> RowMatch.covers(r, cell) && RowMatch.listsOutcome(r, cell.obs())).findFirst();
    }
}
