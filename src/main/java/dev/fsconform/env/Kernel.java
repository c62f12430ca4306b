package dev.fsconform.env;

import dev.fsconform.input.Quote;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One kernel of matrix/kernels.yaml: a Debian kernel package of one suite, which host-lab
 * environments run inside it (null: the catalogue's core set) and which app jobs their probes run
 * (null: the catalogue's default, {@code none}: under emulation a tool costs minutes, not seconds).
 */
record Kernel(String name, String suite, @JsonProperty("package") String packageName, String description,
              List<String> environments, Integer timeoutSeconds, Boolean ci, String apps) {
    private static final String NAME = "[a-z0-9][a-z0-9.]*";
    private static final String DEBIAN_NAME = "[a-z0-9][a-z0-9.+~-]*";

    Kernel {
        if (name == null || !name.matches(NAME)) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and dots (got " + Quote.of(name) + ")");
        }
        if (suite == null || !suite.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("suite must name a Debian suite such as bookworm (got " + Quote.of(suite) + ")");
        }
        if (packageName == null || !packageName.matches(DEBIAN_NAME)) {
            throw new IllegalArgumentException("package must name a Debian package (got " + Quote.of(packageName) + ")");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("missing 'description'");
        }
        if (environments != null && environments.isEmpty()) {
            throw new IllegalArgumentException("'environments' must not be empty (leave it out for the core set)");
        }
        environments = environments == null ? null : List.copyOf(environments);
        if (timeoutSeconds != null && (timeoutSeconds < 30 || timeoutSeconds > 7200)) {
            throw new IllegalArgumentException("timeoutSeconds must be between 30 and 7200 (got " + timeoutSeconds + ")");
        }
        ci = ci != null && ci;
        if (apps != null && !validApps(apps)) {
            throw new IllegalArgumentException("apps must be none, all or job ids, comma-separated (got " + Quote.of(apps) + ")");
        }
    }

    /** {@code none}, {@code all} or job ids, comma-separated. */
    static boolean validApps(String apps) {
        return apps.matches("[a-z0-9][a-z0-9,-]*");
    }

    /** The row suffix: {@code tmpfs@kernel-6.1}. */
    String axis() {
        return "kernel-" + name;
    }

    Kernel withDefaults(List<String> core, int timeout, String defaultApps) {
        return new Kernel(name, suite, packageName, description, environments == null ? core : environments,
                timeoutSeconds == null ? timeout : timeoutSeconds, ci, apps == null ? defaultApps : apps);
    }
}
