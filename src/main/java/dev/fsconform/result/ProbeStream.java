package dev.fsconform.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code probe --stream} prints while it runs, before the results file: one compact JSON object
 * a line, {@code {"fingerprint": …}} first, then {@code {"cell": …}} as each cell finishes. A reader
 * outside the sandbox reports cells as they come; the results file that follows stays the record.
 */
public final class ProbeStream {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final String FINGERPRINT = "fingerprint";
    private static final String CELL = "cell";

    private ProbeStream() {
    }

    /** One streamed line: exactly one of the two is set. */
    public record Event(Fingerprint fingerprint, Observation cell) {
    }

    public static String line(Fingerprint fp) {
        return write(Map.of(FINGERPRINT, fp));
    }

    public static String line(Observation cell) {
        return write(Map.of(CELL, cell));
    }

    /** The event on this line, or empty when it is not a stream line (the results file has begun). */
    public static Optional<Event> read(String line) {
        if (!line.startsWith("{\"" + FINGERPRINT + "\":") && !line.startsWith("{\"" + CELL + "\":")) {
            return Optional.empty();
        }
        try {
            JsonNode n = MAPPER.readTree(line);
            if (n.has(FINGERPRINT)) {
                return Optional.of(new Event(MAPPER.treeToValue(n.get(FINGERPRINT), Fingerprint.class), null));
            }
            return Optional.of(new Event(null, MAPPER.treeToValue(n.get(CELL), Observation.class)));
        } catch (JsonProcessingException e) {
            throw new InvalidResultsException("not a probe stream line (" + e.getOriginalMessage() + ")");
        }
    }

    private static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a stream line: " + e.getMessage(), e);
        }
    }
}
