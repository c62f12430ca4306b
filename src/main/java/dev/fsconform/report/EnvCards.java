package dev.fsconform.report;

import dev.fsconform.grade.Grade;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The per-environment header: its fingerprint in plain terms, its counts, causes and diagnosis. */
final class EnvCards {
    private EnvCards() {
    }

    static PageView.EnvCard of(int column, EnvironmentVerdict v) {
        EnvironmentResult env = v.env();
        Fingerprint fp = env.fingerprint();
        List<PageView.Count> counts = Arrays.stream(Grade.values())
                .sorted(Comparator.comparingInt(Grade::severity))
                .map(g -> new PageView.Count(g.name(), Css.grade(g), v.counts().getOrDefault(g, 0L)))
                .filter(c -> c.count() > 0).toList();
        List<PageView.CauseView> causes = v.causes().stream()
                .map(c -> new PageView.CauseView(c.id(), c.title(), c.evidence(), c.fix())).toList();
        return new PageView.EnvCard(column, env.name(), Columns.group(v), env.status().name(),
                Css.status(env.status()), env.reason(),
                env.description(), v.diagnosis(), facts(env, fp),
                fp == null ? List.of() : fp.mounts().stream().map(EnvCards::mount).toList(),
                fp == null ? List.of() : labels(fp.labels()), counts, causes);
    }

    private static List<PageView.Fact> facts(EnvironmentResult env, Fingerprint fp) {
        List<PageView.Fact> out = new ArrayList<>();
        if (fp != null) {
            out.add(new PageView.Fact("kernel", fp.kernel() + " (" + fp.arch() + ")"));
            out.add(new PageView.Fact("host", fp.hostname()));
            out.add(new PageView.Fact("uid", String.valueOf(fp.uid())));
            out.add(new PageView.Fact("capabilities (CapEff)", fp.capEff()));
            out.add(new PageView.Fact("seccomp", seccomp(fp)));
            out.add(new PageView.Fact("no_new_privs", fp.noNewPrivs() ? "set" : "not set"));
            out.add(new PageView.Fact("landlock", landlock(fp)));
            out.add(new PageView.Fact("sandbox applied", fp.sandbox().describe()));
            out.add(new PageView.Fact("java", fp.javaVersion()));
        }
        out.add(new PageView.Fact("cells", env.cells().size() + " in " + env.durationMillis() + " ms"));
        return out;
    }

    private static String seccomp(Fingerprint fp) {
        switch (fp.seccompMode()) {
            case 0: return "off";
            case 1: return "strict mode";
            case 2: return "filter mode, " + fp.seccompFilters() + " filter(s)";
            default: return "unknown (" + fp.seccompMode() + ")";
        }
    }

    private static String landlock(Fingerprint fp) {
        String abi = fp.landlockAbi() > 0 ? "ABI " + fp.landlockAbi() : "not available (" + fp.landlockAbi() + ")";
        String restricted = fp.landlockRestricted() == null ? "restriction not declared"
                : fp.landlockRestricted() ? "process restricted" : "process not restricted";
        return abi + ", " + restricted;
    }

    private static PageView.Mount mount(MountFacts m) {
        return new PageView.Mount(m.role(), m.path(), m.fsType(), m.statfsType(), m.mountPoint(), m.source(),
                m.mountOptions(), m.superOptions(), String.valueOf(m.mountId()), m.dev());
    }

    private static List<PageView.Fact> labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> new PageView.Fact(e.getKey(), e.getValue())).toList();
    }
}
