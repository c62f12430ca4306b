package dev.fsconform.report;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.ResultsFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Merges results files from any number of machines, runners and kernels into one, in input order.
 * Nothing is overwritten: an environment name seen before is qualified by its fingerprint. Only an
 * environment repeated inside one file (same name and fingerprint) is the same run, and kept once.
 */
public final class Merge {
    private Merge() {
    }

    private record Identity(String name, Fingerprint fingerprint) {
    }

    /**
     * @param tool the tool string of the merged file ("fsconform 1.2")
     * @return a file whose {@code generatedAt} is the newest input's, so the same inputs merge to the same bytes
     */
    public static ResultsFile of(List<Input> inputs, String tool) {
        EnvNames names = new EnvNames();
        List<EnvironmentResult> merged = new ArrayList<>();
        for (Input input : inputs) {
            Set<Identity> seen = new HashSet<>();
            for (EnvironmentResult env : input.file().environments()) {
                if (seen.add(new Identity(env.name(), env.fingerprint()))) {
                    merged.add(renamed(env, names.claim(env)));
                }
            }
        }
        String newest = inputs.stream().map(i -> i.file().generatedAt()).filter(Objects::nonNull)
                .max(String::compareTo).orElse(null);
        return new ResultsFile(ResultsFile.SCHEMA, ResultsFile.VERSION, tool, newest, merged);
    }

    private static EnvironmentResult renamed(EnvironmentResult env, String name) {
        return name.equals(env.name()) ? env : new EnvironmentResult(name, env.group(), env.description(),
                env.status(), env.reason(), env.fingerprint(), env.durationMillis(), env.cells());
    }
}
