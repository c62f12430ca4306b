package dev.fsconform.container;

import java.util.ArrayList;
import java.util.List;

/**
 * How much an inner-engine container may do. Real {@code --privileged} where the host allows it; where
 * it does not (runc asks for every capability the kernel knows, and fails with "unable to apply caps"
 * when root's own bounding set lacks one, as in some VMs) the explicit equivalent: all capabilities the
 * host has, no seccomp/AppArmor confinement, and the devices the storage driver needs.
 *
 * @param note what the results record as the {@code docker.privileged} label
 */
record Privilege(boolean privileged, boolean capabilities, List<String> capDrop, List<String> devices,
                 List<String> deviceCgroupRules, List<String> securityOpts, String note) {

    static final Privilege NONE = new Privilege(false, false, List.of(), List.of(), List.of(), List.of(), "unprivileged");

    Privilege {
        capDrop = List.copyOf(capDrop);
        devices = List.copyOf(devices);
        deviceCgroupRules = List.copyOf(deviceCgroupRules);
        securityOpts = List.copyOf(securityOpts);
    }

    /** No capability or confinement added, only these devices (a kernel guest's /dev/kvm). */
    static Privilege devices(List<String> devices, String note) {
        return new Privilege(false, false, List.of(), devices, List.of(), List.of(), note);
    }

    static Privilege full() {
        return new Privilege(true, false, List.of(), List.of(), List.of(), List.of(), "privileged");
    }

    /** The capability-set equivalent of --privileged for an inner engine on {@code driver}. */
    static Privilege fallback(String driver, BoundingSet bounding, String because) {
        List<String> devices = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        if ("fuse-overlayfs".equals(driver)) {
            devices.add("/dev/fuse");
        }
        if ("btrfs".equals(driver)) {
            // loop-control hands out /dev/loopN; the rule lets the container use whichever it gets.
            devices.add("/dev/loop-control");
            rules.add("b 7:* rwm");
        }
        List<String> missingCaps = bounding.missing();
        String except = !bounding.known() ? " (" + bounding.unknownBecause() + ", so none could be left out)"
                : missingCaps.isEmpty() ? "" : " except " + String.join(",", missingCaps) + " (missing from the host's bounding set)";
        String note = "privileged: fallback to explicit capabilities because " + because + "; granted ALL" + except
                + ", seccomp/apparmor unconfined"
                + (devices.isEmpty() ? "" : ", devices " + String.join(",", devices));
        // No systempaths=unconfined: the CLI turns it into empty masked/read-only path lists, which this
        // client cannot send; the inner engines do not need /proc or /sys unmasked.
        return new Privilege(false, true, missingCaps, devices, rules, List.of("seccomp=unconfined", "apparmor=unconfined"), note);
    }
}
