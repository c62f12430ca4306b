package dev.fsconform.container;

import java.util.List;
import java.util.Map;

/**
 * What to create: a long-running container, never pulled, always labelled, removed by the engine when
 * its keep-alive command ends (so an orphan from a killed JVM goes away by itself).
 *
 * @param entrypoint null keeps the image's
 * @param binds docker-style "source:target[:options]", sources being named volumes or engine-side paths
 * @param tmpfs target → options ("" for Docker's defaults)
 * @param runtime OCI runtime name, null for the engine's default
 * @param ulimits resource limit name (nofile, nproc) → soft and hard value; empty: the engine's defaults
 * @param cpuShares the container's CPU weight (1024 is a nice-0 process's), null for the engine's default
 * @param user "UID:GID" the command runs as, null for the image's (root)
 */
record ContainerSpec(String image, List<String> entrypoint, List<String> cmd, Map<String, String> labels,
                     List<String> binds, Map<String, String> tmpfs, List<String> securityOpts, Privilege privilege,
                     String runtime, String network, Map<String, Long> ulimits, Integer cpuShares, String user) {

    ContainerSpec {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        labels = Map.copyOf(labels);
        binds = List.copyOf(binds);
        tmpfs = Map.copyOf(tmpfs);
        securityOpts = List.copyOf(securityOpts);
        privilege = privilege == null ? Privilege.NONE : privilege;
        ulimits = Map.copyOf(ulimits);
    }

    static ContainerSpec of(String image, List<String> cmd, Map<String, String> labels) {
        return new ContainerSpec(image, null, cmd, labels, List.of(), Map.of(), List.of(), Privilege.NONE, null, "none", Map.of(), null, null);
    }

    ContainerSpec withEntrypoint(List<String> e) {
        return new ContainerSpec(image, e, cmd, labels, binds, tmpfs, securityOpts, privilege, runtime, network, ulimits, cpuShares, user);
    }

    ContainerSpec withBinds(List<String> b) {
        return new ContainerSpec(image, entrypoint, cmd, labels, b, tmpfs, securityOpts, privilege, runtime, network, ulimits, cpuShares, user);
    }

    ContainerSpec withTmpfs(Map<String, String> t) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, t, securityOpts, privilege, runtime, network, ulimits, cpuShares, user);
    }

    ContainerSpec withSecurityOpts(List<String> s) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, tmpfs, s, privilege, runtime, network, ulimits, cpuShares, user);
    }

    ContainerSpec withPrivilege(Privilege p) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, tmpfs, securityOpts, p, runtime, network, ulimits, cpuShares, user);
    }

    ContainerSpec withUlimits(Map<String, Long> u) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, tmpfs, securityOpts, privilege, runtime, network, u, cpuShares, user);
    }

    ContainerSpec withCpuShares(Integer c) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, tmpfs, securityOpts, privilege, runtime, network, ulimits, c, user);
    }

    ContainerSpec withRuntime(String r) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, tmpfs, securityOpts, privilege, r, network, ulimits, cpuShares, user);
    }

    /** "bridge" for a container that must reach the outside (the kernel builder's Debian mirror); default none. */
    ContainerSpec withNetwork(String n) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, tmpfs, securityOpts, privilege, runtime, n, ulimits, cpuShares, user);
    }

    ContainerSpec withUser(String u) {
        return new ContainerSpec(image, entrypoint, cmd, labels, binds, tmpfs, securityOpts, privilege, runtime, network, ulimits, cpuShares, u);
    }
}
