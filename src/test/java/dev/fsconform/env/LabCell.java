package dev.fsconform.env;

import dev.fsconform.operation.Family;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.SandboxApplied;
import java.util.Map;
import java.util.Set;

/** One measured cell with the environment it ran in, and the facts about both that rules ask for. */
record LabCell(EnvironmentResult env, Observation obs) {
    static final Set<String> RENAMES = Family.RENAME_ALL.ids();
    static final Set<String> LINKS = Family.LINK.ids();

    Map<String, String> labels() {
        return described(env);
    }

    /** What the environment said about itself: its labels and, in the same keys, the sandbox it applied. */
    static Map<String, String> described(EnvironmentResult env) {
        Map<String, String> l = new java.util.LinkedHashMap<>(env.fingerprint().labels());
        l.putAll(env.fingerprint().sandbox().labels());
        return l;
    }

    String label(String key) {
        return labels().get(key);
    }

    String op() {
        return obs.operation();
    }

    String scenario() {
        return obs.scenario();
    }

    boolean targetExists() {
        return scenario().contains("-onto-");
    }

    boolean seeded() {
        return scenario().startsWith("seeded-");
    }

    boolean crossMount() {
        return scenario().startsWith("cross-mount-");
    }

    boolean crossDir() {
        return scenario().endsWith("-cross-dir");
    }

    boolean sameDir() {
        return scenario().endsWith("-same-dir");
    }

    /** dir, emptydir, file or symlink. */
    String source() {
        String s = scenario().replaceFirst("^seeded-", "").replaceFirst("^cross-mount-", "");
        return s.split("-")[0];
    }

    boolean directorySource() {
        return source().equals("dir") || source().equals("emptydir");
    }

    /** The primary directory's mount, as the probe read it from mountinfo. */
    MountFacts primaryMount() {
        return env.fingerprint().mounts().get(0);
    }

    /** Whether a seccomp policy of this environment answers this cell's syscall itself. */
    boolean seccompAnswers() {
        String policy = label(SandboxApplied.SECCOMP);
        if (policy == null) {
            return false;
        }
        return policy.startsWith("renameat2-") ? op().startsWith("renameat2") : policy.equals("rename-eperm") && op().equals("rename");
    }

    @Override
    public String toString() {
        return op() + " × " + scenario() + " @ " + env.name();
    }
}
