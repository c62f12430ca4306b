package dev.fsconform.report;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out unique environment names for a merge. The first environment keeps its name; a later one
 * with a taken name is told apart by where it ran ({@code name@host/kernel}), then by a counter.
 */
final class EnvNames {
    private final Set<String> taken = new HashSet<>();

    String claim(EnvironmentResult env) {
        String name = env.name();
        if (taken.add(name)) {
            return name;
        }
        Fingerprint fp = env.fingerprint();
        String qualified = fp == null ? name : name + "@" + fp.hostname() + "/" + fp.kernel();
        if (taken.add(qualified)) {
            return qualified;
        }
        for (int n = 2; ; n++) {
            String numbered = qualified + "#" + n;
            if (taken.add(numbered)) {
                return numbered;
            }
        }
    }
}
