package dev.fsconform.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fsconform.files.AtomicFiles;
import dev.fsconform.input.BoundedText;
import dev.fsconform.input.Limits;
import dev.fsconform.input.Mappers;
import dev.fsconform.input.Quote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads and writes results files; rejects other schemas and newer versions with a clear message. */
public final class ResultsJson {
    private static final ObjectMapper MAPPER = Mappers.json()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ResultsJson() {
    }

    public static String write(ResultsFile file) {
        try {
            return MAPPER.writeValueAsString(file) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise results: " + e.getMessage(), e);
        }
    }

    /** Writes through a synced temporary sibling and a rename, so a reader never sees half a file. */
    public static void write(ResultsFile file, Path path) {
        try {
            AtomicFiles.replace(Map.of(path.toAbsolutePath(), write(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + AtomicFiles.reason(e), e);
        }
    }

    public static ResultsFile read(String json, String origin) {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.createParser(json)) {
            check(ResultsShape.scan(p, Limits.CELLS), origin);
        } catch (IOException e) {
            throw unreadable(e, origin);
        }
        return bind(json, origin);
    }

    private static InvalidResultsException unreadable(IOException e, String origin) {
        if (e instanceof JsonProcessingException j) {
            return new InvalidResultsException(origin + ": not a results file (" + Quote.firstLine(j.getOriginalMessage())
                    + location(j) + ")");
        }
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return new InvalidResultsException(origin + ": a damaged gzip stream (" + Quote.firstLine(e.getMessage()) + ")");
        }
        return new InvalidResultsException(origin + (e instanceof BoundedText.TooLarge ? ": " : ": cannot read (")
                + Quote.firstLine(e.getMessage()) + (e instanceof BoundedText.TooLarge ? "" : ")"));
    }

    /** Refuses, before anything is bound, a file of another schema, from the future or past the cell bound. */
    private static void check(ResultsShape shape, String origin) {
        // Schema and version first: a file from a newer fsconform is refused as such, not for a field it renamed.
        if (!ResultsFile.SCHEMA.equals(shape.schema())) {
            throw new InvalidResultsException(origin + ": not a results file (schema is not " + ResultsFile.SCHEMA + ")");
        }
        JsonNode version = shape.version();
        if (!version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new InvalidResultsException(origin + ": not a results file (schemaVersion is not a whole number)");
        }
        if (version.intValue() > ResultsFile.VERSION) {
            throw new InvalidResultsException(origin + ": schema version " + version.intValue()
                    + " is newer than this fsconform reads (" + ResultsFile.VERSION + ")");
        }
        if (shape.cells() > Limits.CELLS) {
            throw new InvalidResultsException(origin + ": more than " + Limits.CELLS
                    + " cells, the most one grade or report handles: split it into several files");
        }
    }

    private static ResultsFile bind(String json, String origin) {
        try {
            return MAPPER.readValue(json, ResultsFile.class);
        } catch (ValueInstantiationException e) {
            // A record refused what it was given: its own words say what is missing.
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new InvalidResultsException(origin + ": not a results file (" + Quote.firstLine(why) + ")");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidResultsException(origin + ": not a results file (" + Quote.firstLine(why) + where(e) + ")");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** The JSON path of a binding error ("environments[2].cells[7].status"), which the tree has no lines for. */
    private static String where(Exception e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" at ");
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() > 4 ? "." : "").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /**
     * A results file, plain or gzip-compressed, read within {@link Limits#RESULTS_BYTES}: scanned as a
     * stream first, so every bound but the size of an accepted file costs constant memory.
     */
    public static ResultsFile read(Path path) {
        String origin = path.toString();
        try (java.io.InputStream in = BoundedText.stream(path, Limits.RESULTS_BYTES);
             com.fasterxml.jackson.core.JsonParser p = MAPPER.createParser(in)) {
            check(ResultsShape.scan(p, Limits.CELLS), origin);
        } catch (IOException e) {
            throw unreadable(e, origin);
        }
        try {
            return bind(BoundedText.read(path, Limits.RESULTS_BYTES), origin);
        } catch (BoundedText.Unreadable e) {
            throw new InvalidResultsException(origin + ": " + e.getMessage());
        }
    }
}
