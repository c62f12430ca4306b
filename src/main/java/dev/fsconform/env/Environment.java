package dev.fsconform.env;

import dev.fsconform.app.AppJobs;
import dev.fsconform.result.EnvName;
import dev.fsconform.result.EnvironmentResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One environment of the host lab, as matrix/environments.yaml defines it: a backend to build, an
 * optional sandbox around the probe, and how long it may take. It describes itself in labels that
 * the probe records in its fingerprint; {@link EnvironmentRun} sets it up, probes and tears it down.
 */
record Environment(String name, String group, String description, Backend backend, Sandbox sandbox,
                   Integer timeoutSeconds, String apps) {

    Environment {
        EnvName.check(name, group, description, false);
        if (backend == null) {
            throw new IllegalArgumentException("missing 'backend'");
        }
        sandbox = sandbox == null ? Sandbox.NONE : sandbox;
        apps = apps == null ? "none" : apps;
        AppJobs.check(apps);
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 3600)) {
            throw new IllegalArgumentException("timeoutSeconds must be between 1 and 3600 (got " + timeoutSeconds + ")");
        }
    }

    Environment withTimeout(int seconds) {
        return timeoutSeconds != null ? this : new Environment(name, group, description, backend, sandbox, seconds, apps);
    }

    /** Sets itself up, runs the probe inside itself, tears itself down; never throws. */
    EnvironmentResult run(LabContext ctx) {
        return EnvironmentRun.run(this, ctx);
    }

    /** What the probe records through --label: who this is, what was built, which sandbox applies. */
    Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("group", group);
        l.put("description", description);
        backend.describeAs("backend", l);
        l.putAll(sandbox.applied().labels());
        return l;
    }

    /**
     * What building it asks of the host: root to mount outside a user namespace (which is CAP_SYS_ADMIN
     * there), or a user namespace of its own; the devices the tools it runs open; runsc needs root here.
     */
    Needs needs() {
        boolean runsc = Sandbox.RUNSC.equals(sandbox.runtime());
        Requires needs = backend.requires();
        java.util.Set<Tool> tools = needs.tools();
        List<String> devices = new ArrayList<>();
        if (tools.stream().anyMatch(t -> t.name().startsWith("MKFS_"))) {
            devices.add("/dev/loop-control, /dev/loopN");
        }
        if (tools.contains(Tool.FUSE_OVERLAYFS)) {
            devices.add("/dev/fuse");
        }
        List<String> why = new ArrayList<>();
        if (needs.privileged()) {
            why.add("mounts " + backend.kind());
        }
        if (needs.userNamespace()) {
            why.add("mounts " + backend.kind() + " in a user namespace");
        }
        if (runsc) {
            why.add("runsc do");
        }
        if (sandbox.landlock() != null || sandbox.seccomp() != null) {
            why.add("Landlock/seccomp on itself, unprivileged");
        }
        return new Needs(name, "host lab", needs.privileged() || runsc, false,
                needs.privileged() ? "host" : needs.userNamespace() ? "own userns" : "", devices,
                needs.userNamespace(), why.isEmpty() ? "a directory" : String.join("; ", why));
    }

    /** Why this machine cannot build it, or null: checked before anything is created. */
    String unavailable(Host host) {
        List<String> why = new ArrayList<>();
        Requires needs = backend.requires();
        if (needs.privileged() && !host.root()) {
            why.add("needs root");
        }
        if (needs.userNamespace() && !host.userNamespaces()) {
            why.add("user namespaces do not work here (unshare --user --map-root-user failed)");
        }
        String tools = Tool.missing(needs.tools());
        if (tools != null) {
            why.add(tools);
        }
        if (needs.privileged() || needs.userNamespace() || host.root()) {
            String ns = Tool.missing(List.of(Tool.UNSHARE, Tool.NSENTER));
            if (ns != null) {
                why.add(ns);
            }
        }
        for (String fs : needs.filesystems()) {
            if (!host.hasFilesystem(fs)) {
                why.add("the kernel has no " + fs + " filesystem (not built in, no module)");
            }
        }
        String sb = sandbox.unavailable(host);
        if (sb != null) {
            why.add(sb);
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }
}
