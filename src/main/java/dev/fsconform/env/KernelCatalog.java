package dev.fsconform.env;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fsconform.input.MatrixFile;
import dev.fsconform.input.Quote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The kernels of matrix/kernels.yaml, validated the way {@link EnvironmentCatalog} validates its
 * entries (each on its own, errors naming the entry); their environment lists are checked against
 * the environment catalogue they will be run from.
 */
public final class KernelCatalog {
    static final String NAME = "kernels.yaml";
    private static final CatalogueYaml.Shape SHAPE = new CatalogueYaml.Shape("kernels", "kernel",
            "name, suite, package, description", Set.of("defaults", "kernels"));
    private static final int DEFAULT_TIMEOUT_SECONDS = 600;

    private final String origin;
    private final List<Kernel> kernels;

    private KernelCatalog(String origin, List<Kernel> kernels) {
        this.origin = origin;
        this.kernels = List.copyOf(kernels);
    }

    /** The checkout's matrix/kernels.yaml when this build runs from a checkout, else the bundled copy. */
    public static KernelCatalog standard() {
        return parse(CatalogueYaml.standard(NAME));
    }

    public static KernelCatalog load(Path file) {
        return parse(CatalogueYaml.file(file));
    }

    static KernelCatalog parse(String yaml, String origin) {
        return parse(new MatrixFile(origin, yaml));
    }

    private static KernelCatalog parse(MatrixFile f) {
        JsonNode root = CatalogueYaml.root(f, SHAPE);
        JsonNode defaults = root.path("defaults");
        List<String> core = core(defaults.path("environments"), f.origin());
        int timeout = defaults.path("timeoutSeconds").asInt(DEFAULT_TIMEOUT_SECONDS);
        String apps = defaults.path("apps").asText("none");
        if (!Kernel.validApps(apps)) {
            throw new InvalidEnvironmentsException(f.origin() + ": 'defaults.apps' must be none, all or job ids, comma-separated (got "
                    + Quote.of(apps) + ")");
        }
        return new KernelCatalog(f.origin(),
                CatalogueYaml.entries(root, f.origin(), SHAPE, Kernel.class, k -> k.withDefaults(core, timeout, apps), Kernel::name));
    }

    private static List<String> core(JsonNode node, String origin) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidEnvironmentsException(origin + ": 'defaults.environments' must list the core set");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
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

    /**
     * What a kernel guest asks of the host: QEMU in an enclave of its own, in a user namespace when not
     * root, or (image launcher) in a container with no capability added; /dev/kvm only if usable (TCG
     * otherwise). Inside the guest every row has its own root.
     */
    public List<Needs> needs() {
        return kernels.stream().map(k -> new Needs("ENV@kernel-" + k.name(), "kernel guest", false, false, "own userns",
                List.of("/dev/kvm (optional)"), true, "QEMU in an enclave, in a user namespace when not root, or in an unprivileged container of its kernel image; "
                        + "inside, the guest is root of itself")).toList();
    }

    public List<String> names() {
        return kernels.stream().map(Kernel::name).toList();
    }

    /** The names of the kernels marked {@code ci: true}. */
    public List<String> ciNames() {
        return kernels.stream().filter(Kernel::ci).map(Kernel::name).toList();
    }
}
