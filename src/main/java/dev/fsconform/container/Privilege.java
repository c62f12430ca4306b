package dev.fsconform.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Kernel capability numbers 0..40, in order (linux/capability.h). */
    static final List<String> CAP_NAMES = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL",
            "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
            "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN",
            "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE",
            "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
            "PERFMON", "BPF", "CHECKPOINT_RESTORE");

    Privilege {
        capDrop = List.copyOf(capDrop);
        devices = List.copyOf(devices);
        deviceCgroupRules = List.copyOf(deviceCgroupRules);
        securityOpts = List.copyOf(securityOpts);
    }

    static Privilege full() {
        return new Privilege(true, false, List.of(), List.of(), List.of(), List.of(), "privileged");
    }

    /** The capability-set equivalent of --privileged for an inner engine on {@code driver}. */
    static Privilege fallback(String driver, List<String> missingCaps, String because) {
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
        String note = "privileged: fallback to explicit capabilities because " + because + "; granted ALL"
                + (missingCaps.isEmpty() ? "" : " except " + String.join(",", missingCaps)
                + " (missing from the host's bounding set)") + ", seccomp/apparmor unconfined"
                + (devices.isEmpty() ? "" : ", devices " + String.join(",", devices));
        // No systempaths=unconfined: the CLI turns it into empty masked/read-only path lists, which this
        // client cannot send; the inner engines do not need /proc or /sys unmasked.
        return new Privilege(false, true, missingCaps, devices, rules, List.of("seccomp=unconfined", "apparmor=unconfined"), note);
    }

    /** Capabilities the kernel has that this process's bounding set lacks (CapBnd vs cap_last_cap). */
    static List<String> missingCaps() {
        try {
            String status = proc("/proc/self/status");
            String hex = status.lines().filter(l -> l.startsWith("CapBnd:")).findFirst().orElse("CapBnd: 0").substring(7).strip();
            int last = Integer.parseInt(proc("/proc/sys/kernel/cap_last_cap").strip());
            return missing(Long.parseUnsignedLong(hex, 16), last);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Files.readString trusts the size procfs reports and can return a truncated value ("4" for "40"). */
    private static String proc(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static List<String> missing(long bounding, int lastCap) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= lastCap && i < CAP_NAMES.size(); i++) {
            if ((bounding >>> i & 1) == 0) {
                out.add(CAP_NAMES.get(i));
            }
        }
        return out;
    }
}
