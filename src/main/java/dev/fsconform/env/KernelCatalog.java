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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernels of matrix/kernels.yaml, validated the way {@link EnvironmentCatalog} validates its
 * entries (each on its own, errors naming the entry); their environment lists are checked against
 * the environment catalogue they will be run from. A copy is bundled in the jar.
 */
public final class KernelCatalog {
    static final String BUNDLED = "/matrix/kernels.yaml";
    private static final ObjectMapper YAML = Mappers.yaml().build();
    private static final Set<String> TOP_LEVEL = Set.of("defaults", "kernels");
    private static final int DEFAULT_TIMEOUT_SECONDS = 600;

    private final String origin;
    private final List<Kernel> kernels;

    private KernelCatalog(String origin, List<Kernel> kernels) {
        this.origin = origin;
        this.kernels = List.copyOf(kernels);
    }

    /** ./matrix/kernels.yaml when run from a checkout, else the bundled copy. */
    public static KernelCatalog standard() {
        Path local = Path.of("matrix", "kernels.yaml");
        return Files.isRegularFile(local) ? load(local) : bundled();
    }

    public static KernelCatalog load(Path file) {
        try {
            return parse(BoundedText.read(file, Limits.CATALOGUE_BYTES), file.toString());
        } catch (BoundedText.Unreadable e) {
            throw new InvalidEnvironmentsException(file + ": " + e.getMessage());
        }
    }

    static KernelCatalog bundled() {
        try (InputStream in = KernelCatalog.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new InvalidEnvironmentsException("this build has no bundled " + BUNDLED);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled kernels.yaml");
        } catch (IOException e) {
            throw new InvalidEnvironmentsException("cannot read the bundled kernels: " + e.getMessage());
        }
    }

    static KernelCatalog parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvironmentsException(origin + YamlErrors.syntax(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEnvironmentsException(origin + ": expected a mapping with a 'kernels' list");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!TOP_LEVEL.contains(k)) {
                throw new InvalidEnvironmentsException(origin + ": unknown top-level key '" + k + "' (known: defaults, kernels)");
            }
        }
        JsonNode defaults = root.path("defaults");
        List<String> core = core(defaults.path("environments"), origin);
        int timeout = defaults.path("timeoutSeconds").asInt(DEFAULT_TIMEOUT_SECONDS);
        JsonNode list = root.path("kernels");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidEnvironmentsException(origin + ": 'kernels' must be a non-empty list");
        }
        List<Kernel> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Kernel k = entry(list.get(i), i + 1, origin).withDefaults(core, timeout);
            Integer before = seen.putIfAbsent(k.name(), i + 1);
            if (before != null) {
                throw new InvalidEnvironmentsException(origin + ": kernel #" + (i + 1) + " '" + k.name()
                        + "': the name is already used by kernel #" + before);
            }
            out.add(k);
        }
        return new KernelCatalog(origin, out);
    }

    private static List<String> core(JsonNode node, String origin) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidEnvironmentsException(origin + ": 'defaults.environments' must list the core set");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Kernel entry(JsonNode node, int index, String origin) {
        String name = node.isObject() && node.path("name").isValueNode() ? " " + Quote.of(node.path("name").asText()) : "";
        String which = origin + ": kernel #" + index + name + ": ";
        if (!node.isObject()) {
            throw new InvalidEnvironmentsException(which + "expected a mapping with name, suite, package, description");
        }
        try {
            return YAML.treeToValue(node, Kernel.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEnvironmentsException(which + YamlErrors.describe(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidEnvironmentsException(which + EnvironmentCatalog.firstLine(e.getMessage()));
        }
    }

    /** Every environment a kernel names must exist in {@code envs}: a typo fails the run before any boot. */
    void check(EnvironmentCatalog envs) {
        for (Kernel k : kernels) {
            for (String glob : k.environments()) {
                if (new Selection(glob).pick(envs.environments()).isEmpty()) {
                    throw new InvalidEnvironmentsException(origin + ": kernel '" + k.name() + "': environment " + Quote.of(glob)
                            + " matches nothing in " + envs.origin());
                }
            }
        }
    }

    public String origin() {
        return origin;
    }

    List<Kernel> kernels() {
        return kernels;
    }

    public List<String> names() {
        return kernels.stream().map(Kernel::name).toList();
    }

    /** The names of the kernels marked {@code ci: true}. */
    public List<String> ciNames() {
        return kernels.stream().filter(Kernel::ci).map(Kernel::name).toList();
    }
}
