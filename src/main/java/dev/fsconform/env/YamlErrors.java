package dev.fsconform.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.fsconform.input.Quote;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns Jackson's multi-line binding errors into one line that says where and what, in YAML terms. */
final class YamlErrors {
    private YamlErrors() {
    }

    static String describe(JsonProcessingException e) {
        String at = e instanceof DatabindException ? path((JsonMappingException) e) : "";
        String prefix = at.isEmpty() ? "" : at + ": ";
        if (e instanceof InvalidTypeIdException) {
            String id = ((InvalidTypeIdException) e).getTypeId();
            return prefix + (id == null ? "missing 'kind'" : "unknown kind '" + id + "'") + " (known: " + kinds() + ")";
        }
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", "));
            return "unknown field '" + u.getPropertyName() + "'" + (at.contains(".") ? " in " + parent(at) : "")
                    + " (known: " + (known.isEmpty() ? "none" : known) + ")";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return prefix + Quote.firstLine(e.getCause().getMessage());
        }
        return prefix + Quote.firstLine(e.getOriginalMessage());
    }

    /** ":LINE: not valid YAML: problem (context)", from SnakeYAML's marked error when there is one. */
    static String syntax(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException m = (MarkedYAMLException) e.getCause();
            String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
            int line = m.getProblemMark() == null ? -1 : m.getProblemMark().getLine() + 1;
            return (line > 0 ? ":" + line : "") + ": not valid YAML: " + Quote.firstLine(m.getProblem()) + context;
        }
        String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
        return where + ": not valid YAML: " + Quote.firstLine(e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : null)
                .filter(Objects::nonNull).collect(Collectors.joining("."));
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('.'));
    }

    static String kinds() {
        return String.join(", ", Backend.kinds());
    }
}
