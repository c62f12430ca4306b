package dev.fsconform.env;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.fsconform.result.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kernel overlayfs over the run's seed tree. {@code options} are added to the lab's lowerdir,
 * upperdir and workdir; {@code lowers} > 1 stacks directory-only copies of the seed tree above it,
 * so seeded directories are merged across several lower layers; {@code userns} mounts it inside
 * a user namespace, as an unprivileged user would (then only {@code userxattr} works); {@code upper}
 * and {@code lower} say which filesystems hold the layers ({@link Layers}).
 */
@JsonTypeName("overlay")
record Overlay(String options, Integer lowers, Boolean userns, Backend upper, Backend lower) implements Backend {
    private static final Set<String> LAB_OWNED = Set.of("lowerdir", "upperdir", "workdir", "lowerdir+", "datadir+");

    Overlay {
        options = Sizes.options(options, "options");
        lowers = lowers == null ? 1 : lowers;
        userns = userns != null && userns;
        if (lowers < 1 || lowers > 16) {
            throw new IllegalArgumentException("lowers must be between 1 and 16 (got " + lowers + ")");
        }
        upper = upper == null ? Layers.defaultUpper(userns) : upper;
        Layers.checkUsable(upper, "upper", userns);
        Layers.checkUsable(lower, "lower", userns);
        for (String o : options.split(",")) {
            if (LAB_OWNED.contains(o.split("=", 2)[0])) {
                throw new IllegalArgumentException("options must not set " + o.split("=", 2)[0] + ": the lab provides the layers");
            }
        }
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("options", options.isEmpty() ? "(kernel defaults)" : options);
        d.put("lowers", Integer.toString(lowers));
        if (userns) {
            d.put("userns", "true");
        }
        Layers.describe(upper, lower, d);
        return d;
    }

    @Override
    public Requires requires() {
        Requires own = userns ? Requires.ownUserNamespace(Tool.MOUNT, Tool.MKDIR) : Requires.root(Tool.MOUNT, Tool.MKDIR);
        return own.mounting("overlay").with(upper, lower);
    }

    @Override
    public Mounted setUp(Lab lab, String slot, boolean seed) throws IOException, EnvFailure {
        List<String> layers = new ArrayList<>();
        for (int i = lowers - 1; i >= 1; i--) {
            layers.add(lab.seedLayers().skeleton(i).toString());
        }
        layers.add(lab.seedLayers().seed().toString());
        if (lab.host().root()) {
            // Checked from the host, with scratch upper and work directories it can see: the real ones
            // may sit on a filesystem mounted only inside the enclave.
            String check = "lowerdir=" + String.join(":", layers) + ",upperdir=" + lab.dir(slot + "-check-upper")
                    + ",workdir=" + lab.dir(slot + "-check-work") + (options.isEmpty() ? "" : "," + options);
            String refusal = KernelOptionCheck.refusal("overlay", check);
            if (refusal != null) {
                throw EnvFailure.skipped("the kernel refuses overlay options '" + options + "': " + refusal);
            }
        }
        Layers l = Layers.build(lab, upper, lower, lowers, slot);
        Path merged = lab.dir(slot);
        List<String> argv = List.of(Tool.MOUNT.path(), "-t", "overlay", "-o", l.mountOptions(options), "fsconform-overlay",
                merged.toString());
        String said;
        try (KernelLog log = KernelLog.mark()) {
            Exec.Outcome o = lab.exec("mount overlay", argv);
            said = log.lines("overlay");
            if (!o.ok()) {
                String why = "mount overlay: " + o.lastLine() + (said.isEmpty() ? "" : " (kernel: " + said + ")");
                throw lab.inUserNamespace() ? EnvFailure.skipped("overlay refused in a user namespace: " + why)
                        : EnvFailure.setupError(why);
            }
        }
        // What overlayfs warns about a mount it accepts ("failed to set xattr on upper") changes what it can do later.
        return new Mounted(merged, null, said.isEmpty() ? Map.of() : Map.of(Fingerprint.OVERLAY_KERNEL_LOG, said));
    }
}
