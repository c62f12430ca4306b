package dev.fsconform.container;

import dev.fsconform.sys.ProcStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This process's capability bounding set, compared with what the kernel knows: the capabilities root
 * lacks here (runc's --privileged asks for all of them and fails on a missing one). When /proc cannot
 * tell, the set is unknown and says why, rather than claiming that nothing is missing.
 *
 * @param missing capability names without CAP_, in kernel order; empty when none is missing or unknown
 * @param unknownBecause why the set could not be read, or null when it was
 */
record BoundingSet(List<String> missing, String unknownBecause) {
    /** Kernel capability numbers 0..40, in order (linux/capability.h). */
    static final List<String> CAP_NAMES = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL",
            "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
            "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN",
            "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE",
            "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
            "PERFMON", "BPF", "CHECKPOINT_RESTORE");

    BoundingSet {
        missing = List.copyOf(missing);
    }

    static BoundingSet of(long bounding, int lastCap) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= lastCap && i < CAP_NAMES.size(); i++) {
            if ((bounding >>> i & 1) == 0) {
                out.add(CAP_NAMES.get(i));
            }
        }
        return new BoundingSet(out, null);
    }

    static BoundingSet unknown(String because) {
        return new BoundingSet(List.of(), because);
    }

    /** CapBnd of /proc/self/status against /proc/sys/kernel/cap_last_cap. */
    static BoundingSet read() {
        try {
            ProcStatus status = ProcStatus.self();
            if (!status.has("CapBnd")) {
                return unknown("/proc/self/status has no CapBnd line");
            }
            return of(Long.parseUnsignedLong(status.text("CapBnd"), 16), Integer.parseInt(proc("/proc/sys/kernel/cap_last_cap").strip()));
        } catch (IOException | NumberFormatException e) {
            return unknown("cannot read the capability bounding set: " + e.getMessage());
        }
    }

    boolean known() {
        return unknownBecause == null;
    }

    /** Files.readString trusts the size procfs reports and can return a truncated value ("4" for "40"). */
    private static String proc(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
