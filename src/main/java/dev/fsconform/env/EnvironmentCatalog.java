package dev.fsconform.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fsconform.input.BoundedText;
import dev.fsconform.input.Limits;
import dev.fsconform.input.Mappers;
import dev.fsconform.input.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environments of matrix/environments.yaml, validated: each entry is read on its own, so an error
 * names the entry it is in. A copy of the repository's file is bundled in the jar.
 */
public final class EnvironmentCatalog {
    public static final String BUNDLED = "/matrix/environments.yaml";
    private static final int DEFAULT_TIMEOUT_SECONDS = 120;
    private static final ObjectMapper YAML = Mappers.yaml().build();
    private static final Set<String> TOP_LEVEL = Set.of("defaults", "environments");

    private final String origin;
    private final String text;
    private final List<Environment> environments;

    private EnvironmentCatalog(String origin, String text, List<Environment> environments) {
        this.origin = origin;
        this.text = text;
        this.environments = List.copyOf(environments);
    }

    public static EnvironmentCatalog load(Path file) {
        try {
            return parse(BoundedText.read(file, Limits.CATALOGUE_BYTES), file.toString());
        } catch (BoundedText.Unreadable e) {
            throw new InvalidEnvironmentsException(file + ": " + e.getMessage());
        }
    }

    public static EnvironmentCatalog bundled() {
        try (InputStream in = EnvironmentCatalog.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new InvalidEnvironmentsException("this build has no bundled " + BUNDLED + ": pass --environments FILE");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled environments.yaml");
        } catch (IOException e) {
            throw new InvalidEnvironmentsException("cannot read the bundled environments: " + e.getMessage());
        }
    }

    static EnvironmentCatalog parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvironmentsException(origin + YamlErrors.syntax(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEnvironmentsException(origin + ": expected a mapping with an 'environments' list");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!TOP_LEVEL.contains(k)) {
                throw new InvalidEnvironmentsException(origin + ": unknown top-level key '" + k + "' (known: defaults, environments)");
            }
        }
        int timeout = defaultTimeout(root.path("defaults"), origin);
        JsonNode list = root.path("environments");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidEnvironmentsException(origin + ": 'environments' must be a non-empty list");
        }
        List<Environment> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Environment env = entry(list.get(i), i + 1, origin).withTimeout(timeout);
            Integer before = seen.putIfAbsent(env.name(), i + 1);
            if (before != null) {
                throw new InvalidEnvironmentsException(origin + ": environment #" + (i + 1) + " '" + env.name()
                        + "': the name is already used by environment #" + before);
            }
            out.add(env);
        }
        return new EnvironmentCatalog(origin, yaml, out);
    }

    private static int defaultTimeout(JsonNode defaults, String origin) {
        if (defaults.isMissingNode()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        JsonNode t = defaults.path("timeoutSeconds");
        if (!defaults.isObject() || defaults.size() != (t.isMissingNode() ? 0 : 1) || (!t.isMissingNode() && !t.canConvertToInt())) {
            throw new InvalidEnvironmentsException(origin + ": 'defaults' may only hold timeoutSeconds (a number)");
        }
        return t.isMissingNode() ? DEFAULT_TIMEOUT_SECONDS : t.asInt();
    }

    private static Environment entry(JsonNode node, int index, String origin) {
        String name = node.isObject() && node.path("name").isTextual() ? " " + Quote.of(node.path("name").asText()) : "";
        String which = origin + ": environment #" + index + name + ": ";
        if (!node.isObject()) {
            throw new InvalidEnvironmentsException(which + "expected a mapping with name, group, description, backend");
        }
        try {
            return YAML.treeToValue(node, Environment.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvironmentsException(which + YamlErrors.describe(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvironmentsException(which + firstLine(e.getMessage()));
        }
    }

    static String firstLine(String s) {
        return Quote.firstLine(s);
    }

    /**
     * The same catalogue with every time budget multiplied by {@code factor}, for a slower machine
     * (a kernel guest under emulation); the budget the guest as a whole has stays the real limit.
     */
    static String slower(String yaml, int factor) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) YAML.readTree(yaml);
            com.fasterxml.jackson.databind.node.ObjectNode defaults = root.path("defaults").isObject()
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) root.get("defaults") : root.putObject("defaults");
            defaults.put("timeoutSeconds", Math.min(3600, defaults.path("timeoutSeconds").asInt(DEFAULT_TIMEOUT_SECONDS) * factor));
            for (JsonNode e : root.path("environments")) {
                if (e.isObject() && e.path("timeoutSeconds").canConvertToInt()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("timeoutSeconds",
                            Math.min(3600, e.get("timeoutSeconds").asInt() * factor));
                }
            }
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new InvalidEnvironmentsException("cannot rewrite the environments' time budgets: " + e.getMessage());
        }
    }

    /** The YAML it was read from: a kernel guest runs the same catalogue. */
    String text() {
        return text;
    }

    public String origin() {
        return origin;
    }

    List<Environment> environments() {
        return environments;
    }

    public List<String> names() {
        return environments.stream().map(Environment::name).toList();
    }
}
