package dev.fsconform.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels on every container and volume of a run, and the label keys the results record. The keys
 * say "docker" for every engine kind (podman included): they are the results' schema.
 */
final class Labels {
    /** Every container and volume fsconform creates carries this label... */
    static final String OWNER_LABEL = "dev.fsconform.owner";
    static final String OWNER = "fsconform";
    /** ...and this one, naming the run, so that one run's leftovers can be told from another's. */
    static final String RUN_LABEL = "dev.fsconform.run";
    static final String ENV_LABEL = "dev.fsconform.env";
    static final String DRIVER_LABEL = "dev.fsconform.driver";

    static final String ENGINE = "docker.engine";
    static final String VERSION = "docker.engine.version";
    static final String DRIVER = "docker.storage-driver";
    static final String API = "docker.api-version";
    static final String PRIVILEGED = "docker.privileged";
    /** The OCI runtime the probe container ran under (crun, runsc, …). */
    static final String RUNTIME = "docker.runtime";
    static final String SECCOMP = "docker.seccomp";
    static final String MOUNT = "docker.mount";
    static final String IMAGE = "docker.image";

    private Labels() {
    }

    static Map<String, String> owner(RunId run, String env) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Labels.OWNER_LABEL, Labels.OWNER);
        m.put(Labels.RUN_LABEL, run.toString());
        m.put(ENV_LABEL, env);
        return m;
    }

    /** The same labels as docker CLI arguments, for containers an inner engine runs. */
    static List<String> cliArgs(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        labels.forEach((k, v) -> {
            out.add("--label");
            out.add(k + "=" + v);
        });
        return out;
    }
}
