package dev.fsconform.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fsconform.input.BoundedText;
import dev.fsconform.input.Limits;
import dev.fsconform.input.Mappers;
import dev.fsconform.input.MatrixFile;
import dev.fsconform.input.Quote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The frame the host lab's and the kernels' catalogues share: where the text comes from, the top-level
 * mapping, and one list read entry by entry so that an error names its entry and a name used twice is refused.
 */
final class CatalogueYaml {
    static final ObjectMapper YAML = Mappers.yaml().build();

    /** One catalogue's vocabulary: its top-level list, what an entry is called, and what an entry holds. */
    record Shape(String list, String noun, String fields, Set<String> topLevel) {
    }

    private CatalogueYaml() {
    }

    /** matrix/NAME of the checkout this build runs from, else the bundled copy. */
    static MatrixFile standard(String name) {
        try {
            return MatrixFile.standard(name, Limits.CATALOGUE_BYTES);
        } catch (BoundedText.Unreadable e) {
            throw new InvalidEnvironmentsException(name + ": " + e.getMessage());
        }
    }

    static MatrixFile file(Path file) {
        try {
            return MatrixFile.of(file, Limits.CATALOGUE_BYTES);
        } catch (BoundedText.Unreadable e) {
            throw new InvalidEnvironmentsException(file + ": " + e.getMessage());
        }
    }

    /** The top-level mapping, holding only the shape's keys. */
    static JsonNode root(MatrixFile f, Shape shape) {
        JsonNode root;
        try {
            root = YAML.readTree(f.text());
        } catch (JsonProcessingException e) {
            throw new InvalidEnvironmentsException(f.origin() + YamlErrors.syntax(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEnvironmentsException(f.origin() + ": expected a mapping with "
                    + (shape.list().matches("[aeiou].*") ? "an" : "a") + " '" + shape.list() + "' list");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!shape.topLevel().contains(k)) {
                throw new InvalidEnvironmentsException(f.origin() + ": unknown top-level key '" + k + "' (known: "
                        + String.join(", ", shape.topLevel().stream().sorted().toList()) + ")");
            }
        }
        return root;
    }

    /** The shape's list, each entry bound to {@code type} and completed by {@code finish}; names are unique. */
    static <T> List<T> entries(JsonNode root, String origin, Shape shape, Class<T> type, Function<T, T> finish,
                               Function<T, String> name) {
        return entries(root, origin, shape, type, finish, name, node -> true);
    }

    /**
     * The same for the entries {@code wanted} takes (given each entry's mapping); the others are not
     * bound, only their names are kept from being used twice.
     */
    static <T> List<T> entries(JsonNode root, String origin, Shape shape, Class<T> type, Function<T, T> finish,
                               Function<T, String> name, Predicate<JsonNode> wanted) {
        JsonNode list = root.path(shape.list());
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidEnvironmentsException(origin + ": '" + shape.list() + "' must be a non-empty list");
        }
        List<T> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            T entry = node.isObject() && !wanted.test(node) ? null : finish.apply(entry(node, i + 1, origin, shape, type));
            String entryName = entry == null ? node.path("name").asText() : name.apply(entry);
            Integer before = seen.putIfAbsent(entryName, i + 1);
            if (before != null) {
                throw new InvalidEnvironmentsException(origin + ": " + shape.noun() + " #" + (i + 1) + " '" + entryName
                        + "': the name is already used by " + shape.noun() + " #" + before);
            }
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    private static <T> T entry(JsonNode node, int index, String origin, Shape shape, Class<T> type) {
        String name = node.isObject() && node.path("name").isValueNode() ? " " + Quote.of(node.path("name").asText()) : "";
        String which = origin + ": " + shape.noun() + " #" + index + name + ": ";
        if (!node.isObject()) {
            throw new InvalidEnvironmentsException(which + "expected a mapping with " + shape.fields());
        }
        try {
            return YAML.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvironmentsException(which + YamlErrors.describe(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvironmentsException(which + Quote.firstLine(e.getMessage()));
        }
    }
}
