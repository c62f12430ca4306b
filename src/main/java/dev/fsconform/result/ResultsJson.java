package dev.fsconform.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes results files; rejects other schemas and newer versions with a clear message. */
public final class ResultsJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
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

    /** Writes through a temporary sibling and a rename, so a reader never sees half a file. */
    public static void write(ResultsFile file, Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".fsconform-", ".json.tmp");
            try {
                // Ctrl-C or SIGTERM while writing: the JVM removes the half-written file as it exits.
                tmp.toFile().deleteOnExit();
                Files.writeString(tmp, write(file));
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    public static ResultsFile read(String json, String origin) {
        ResultsFile file;
        try {
            file = MAPPER.readValue(json, ResultsFile.class);
        } catch (ValueInstantiationException e) {
            // A record refused what it was given: its own words say what is missing.
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw new InvalidResultsException(origin + ": not a results file (" + why + ")");
        } catch (JsonProcessingException e) {
            throw new InvalidResultsException(origin + ": not a results file (" + e.getOriginalMessage() + ")");
        }
        if (file == null || !ResultsFile.SCHEMA.equals(file.schema())) {
            throw new InvalidResultsException(origin + ": not a results file (schema is not " + ResultsFile.SCHEMA + ")");
        }
        if (file.schemaVersion() > ResultsFile.VERSION) {
            throw new InvalidResultsException(origin + ": schema version " + file.schemaVersion()
                    + " is newer than this fsconform reads (" + ResultsFile.VERSION + ")");
        }
        return file;
    }

    public static ResultsFile read(Path path) {
        try {
            return read(Files.readString(path), path.toString());
        } catch (IOException e) {
            throw new InvalidResultsException("cannot read " + path + ": " + e.getMessage());
        }
    }
}
