package dev.fsconform.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The labels on every container and volume of a run, and the label keys the results record. */
final class Labels {
    static final String ENV_LABEL = "dev.fsconform.env";
    static final String DRIVER_LABEL = "dev.fsconform.driver";

    static final String ENGINE = "docker.engine";
    static final String VERSION = "docker.engine.version";
    static final String DRIVER = "docker.storage-driver";
    static final String API = "docker.api-version";
    static final String PRIVILEGED = "docker.privileged";
    static final String SECCOMP = "docker.seccomp";
    static final String MOUNT = "docker.mount";
    static final String IMAGE = "docker.image";

    private Labels() {
    }

    static Map<String, String> owner(RunId run, String env) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DockerEngine.OWNER_LABEL, DockerEngine.OWNER);
        m.put(DockerEngine.RUN_LABEL, run.toString());
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
