package dev.fsconform.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fsconform.input.MatrixFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The environments of matrix/environments.yaml, validated: each entry is read on its own, so an error
 * names the entry it is in.
 */
public final class EnvironmentCatalog {
    static final String NAME = "environments.yaml";
    private static final int DEFAULT_TIMEOUT_SECONDS = 120;
    private static final ObjectMapper YAML = CatalogueYaml.YAML;
    private static final CatalogueYaml.Shape SHAPE = new CatalogueYaml.Shape("environments", "environment",
            "name, group, description, backend", Set.of("defaults", "environments"));

    private final String origin;
    private final String text;
    private final List<Environment> environments;

    private EnvironmentCatalog(String origin, String text, List<Environment> environments) {
        this.origin = origin;
        this.text = text;
        this.environments = List.copyOf(environments);
    }

    /** The checkout's matrix/environments.yaml when this build runs from a checkout, else the bundled copy. */
    public static EnvironmentCatalog standard() {
        return parse(CatalogueYaml.standard(NAME), Selection.ALL);
    }

    public static EnvironmentCatalog load(Path file) {
        return parse(CatalogueYaml.file(file), Selection.ALL);
    }

    /**
     * Only the environments {@code only} picks, from a file a host has read whole and checked already: a
     * kernel guest's. Binding each entry is most of reading the catalogue, seconds for the ~40 entries
     * under emulation, for a guest that runs a few; their names are still checked unique.
     */
    public static EnvironmentCatalog loadPicked(Path file, String only) {
        return parse(CatalogueYaml.file(file), new Selection(only));
    }

    static EnvironmentCatalog parse(String yaml, String origin) {
        return parse(new MatrixFile(origin, yaml), Selection.ALL);
    }

    private static EnvironmentCatalog parse(MatrixFile f, Selection picked) {
        JsonNode root = CatalogueYaml.root(f, SHAPE);
        int timeout = defaultTimeout(root.path("defaults"), f.origin());
        return new EnvironmentCatalog(f.origin(), f.text(), CatalogueYaml.entries(root, f.origin(), SHAPE, Environment.class,
                e -> e.withTimeout(timeout), Environment::name,
                node -> picked.matches(node.path("name").asText(), node.path("group").asText())));
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

    /**
     * What a kernel guest reads: the entries named {@code names} only, every time budget multiplied by
     * {@code factor} for a slower machine (the budget the guest as a whole has stays the real limit).
     * The host read and checked the whole file; scanning the other entries again costs the guest's
     * YAML parser most of a second under emulation.
     */
    static String forGuest(String yaml, int factor, Set<String> names) {
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(yaml);
            ObjectNode defaults = root.path("defaults").isObject() ? (ObjectNode) root.get("defaults") : root.putObject("defaults");
            defaults.put("timeoutSeconds", Math.min(3600, defaults.path("timeoutSeconds").asInt(DEFAULT_TIMEOUT_SECONDS) * factor));
            ArrayNode picked = YAML.createArrayNode();
            for (JsonNode e : root.path("environments")) {
                if (!names.contains(e.path("name").asText())) {
                    continue;
                }
                if (e.path("timeoutSeconds").canConvertToInt()) {
                    ((ObjectNode) e).put("timeoutSeconds", Math.min(3600, e.get("timeoutSeconds").asInt() * factor));
                }
                picked.add(e);
            }
            root.set("environments", picked);
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new InvalidEnvironmentsException("cannot write the guest's environments: " + e.getMessage());
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

    /** What each environment asks of the host, in catalogue order. */
    public List<Needs> needs() {
        return environments.stream().map(Environment::needs).toList();
    }

    public List<String> names() {
        return environments.stream().map(Environment::name).toList();
    }
}
