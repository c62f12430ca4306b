package dev.fsconform.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.fsconform.input.BoundedText;
import dev.fsconform.input.Limits;
import dev.fsconform.input.Mappers;
import dev.fsconform.input.MatrixFile;
import dev.fsconform.input.Quote;
import dev.fsconform.result.EnvName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The container environments of matrix/containers.yaml, validated entry by entry so that an error names
 * its entry.
 */
public final class ContainerCatalog {
    static final String NAME = "containers.yaml";
    private static final ObjectMapper YAML = Mappers.yaml().build();

    private final String origin;
    private final List<ContainerEnv> environments;

    private ContainerCatalog(String origin, List<ContainerEnv> environments) {
        this.origin = origin;
        this.environments = List.copyOf(environments);
    }

    /** The checkout's matrix/containers.yaml when this build runs from a checkout, else the bundled copy. */
    public static ContainerCatalog standard() {
        try {
            MatrixFile f = MatrixFile.standard(NAME, Limits.CATALOGUE_BYTES);
            return parse(f.text(), f.origin());
        } catch (BoundedText.Unreadable e) {
            throw new InvalidContainersException(NAME + ": " + e.getMessage());
        }
    }

    public static ContainerCatalog load(Path file) {
        try {
            return parse(BoundedText.read(file, Limits.CATALOGUE_BYTES), file.toString());
        } catch (BoundedText.Unreadable e) {
            throw new InvalidContainersException(file + ": " + e.getMessage());
        }
    }

    static ContainerCatalog parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidContainersException(origin + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        JsonNode list = root == null ? null : root.path("environments");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidContainersException(origin + ": expected a key 'environments' holding a non-empty list");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!k.equals("environments") && !k.equals("generations")) {
                throw new InvalidContainersException(origin + ": unknown key '" + k + "' (known: generations, environments)");
            }
        });
        List<Generation> generations = generations(root.path("generations"), origin);
        List<ContainerEnv> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String which = origin + ": environment #" + (i + 1);
            for (ContainerEnv env : entry(list.get(i), which, generations)) {
                if (!names.add(env.name())) {
                    throw new InvalidContainersException(which + ": name '" + env.name() + "' is used twice");
                }
                out.add(env);
            }
        }
        return new ContainerCatalog(origin, out);
    }

    /** The inner-engine generations, id → Debian suite; the first is the one unsuffixed names run on. */
    private static List<Generation> generations(JsonNode node, String origin) {
        List<Generation> out = new ArrayList<>();
        if (node.isMissingNode()) {
            return out;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidContainersException(origin + ": 'generations' must map generation ids to Debian suites");
        }
        node.properties().forEach(f -> {
            try {
                out.add(new Generation(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : null));
            } catch (IllegalArgumentException e) {
                throw new InvalidContainersException(origin + ": generations: " + e.getMessage());
            }
        });
        return out;
    }

    /** What one YAML entry says, before a dind entry is spread over its generations. */
    record Entry(String name, String group, String description, String engine, String driver, String runtime, Mount mount,
                 String seccomp, @JsonProperty("also-on") List<String> alsoOn, String apps) {
    }

    private static List<ContainerEnv> entry(JsonNode node, String which, List<Generation> generations) {
        if (node.path("name").isTextual()) {
            which += " " + Quote.of(node.path("name").asText());
        }
        try {
            Entry e = YAML.treeToValue(node, Entry.class);
            if (e.engine() == null) {
                throw new IllegalArgumentException("missing 'engine'");
            }
            EngineKind kind = EngineKind.parse(e.engine());
            List<String> alsoOn = e.alsoOn() == null ? List.of() : e.alsoOn();
            if (kind != EngineKind.DIND) {
                if (!alsoOn.isEmpty()) {
                    throw new IllegalArgumentException("'also-on' names inner-engine generations: only for engine dind");
                }
                return List.of(env(e, e.name(), kind, null));
            }
            if (generations.isEmpty()) {
                throw new IllegalArgumentException("engine dind needs the top-level 'generations'");
            }
            List<ContainerEnv> out = new ArrayList<>(List.of(env(e, e.name(), kind, generations.get(0))));
            for (String id : alsoOn) {
                Generation g = generations.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("also-on: unknown generation '" + id + "' (known: "
                                + generations.stream().map(Generation::id).toList() + ")"));
                if (g.equals(generations.get(0))) {
                    throw new IllegalArgumentException("also-on: " + id + " is the default generation, which every dind entry runs on");
                }
                out.add(env(e, e.name() + "@" + g.id(), kind, g));
            }
            return out;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidContainersException(which + ": unknown field '" + e.getPropertyName()
                    + "' (known: name, group, description, engine, driver, runtime, mount, seccomp, also-on, apps)");
        } catch (ValueInstantiationException e) {
            throw new InvalidContainersException(which + ": " + firstLine(e.getCause() == null ? e.getOriginalMessage()
                    : e.getCause().getMessage()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidContainersException(which + ": " + firstLine(e.getMessage()));
        }
    }

    private static ContainerEnv env(Entry e, String name, EngineKind kind, Generation g) {
        if (e.name() != null && !e.name().matches(EnvName.NAME)) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and . _ + - (got '" + e.name() + "')");
        }
        return new ContainerEnv(name, e.group(), e.description(), kind, e.driver(), e.runtime(), g, e.mount(), e.seccomp(), e.apps());
    }

    private static String firstLine(String s) {
        return Quote.firstLine(s);
    }

    /** What each container environment asks of the host, in catalogue order. */
    public List<dev.fsconform.env.Needs> needs() {
        return environments.stream().map(ContainerEnv::needs).toList();
    }

    public String origin() {
        return origin;
    }

    List<ContainerEnv> environments() {
        return environments;
    }

    public List<String> names() {
        return environments.stream().map(ContainerEnv::name).toList();
    }

    /** The environments whose name or group matches one of the comma-separated globs; null or blank: all. */
    List<ContainerEnv> select(String only) {
        if (only == null || only.isBlank()) {
            return environments;
        }
        List<Pattern> globs = new ArrayList<>();
        for (String g : only.split(",")) {
            globs.add(Pattern.compile(Pattern.quote(g.strip()).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q")));
        }
        return environments.stream()
                .filter(e -> globs.stream().anyMatch(p -> p.matcher(e.name()).matches() || p.matcher(e.group()).matches()))
                .toList();
    }

    /** The names --only picks, in catalogue order. */
    public List<String> selectNames(String only) {
        return select(only).stream().map(ContainerEnv::name).toList();
    }
}
