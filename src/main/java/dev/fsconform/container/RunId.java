package dev.fsconform.container;

import java.io.IOException;
import dev.fsconform.sys.ProcessOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Names one run of the container matrix: boot id and pid namespace, pid and start second of the JVM that
 * owns it. Every container and volume carries it as a label, so a later run can tell a crashed run's
 * leftovers (owner gone) from a run still in progress (another JVM on this machine), and removes only the
 * former. A pid is only checked in the namespace it was read in: a run in a container that shares the
 * engine names pids this JVM cannot see, so its things count as another machine's (removed once old).
 *
 * @param boot {@code BOOTID.PIDNS}; labels of earlier versions carry the boot id alone
 */
record RunId(String boot, long pid, long startSecond) {
    /** Leftovers from another boot, or from a host we cannot check, are removed once this old. */
    static final Duration FOREIGN_AGE = Duration.ofHours(6);

    static RunId current() {
        ProcessOwner self = ProcessOwner.current();
        return new RunId(bootId() + "." + pidNamespace(), self.pid(), self.startSecond());
    }

    static Optional<RunId> parse(String label) {
        String[] p = label == null ? new String[0] : label.split("-");
        if (p.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunId(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the run that made something created at {@code created} can no longer clean it up itself. */
    boolean stale(Instant created, Instant now) {
        boolean here = boot.contains(".") ? boot.equals(bootId() + "." + pidNamespace()) : boot.equals(bootId());
        if (!here) {
            return created.plus(FOREIGN_AGE).isBefore(now);
        }
        return new ProcessOwner(pid, startSecond).gone();
    }

    @Override
    public String toString() {
        return boot + "-" + pid + "-" + startSecond;
    }

    /** The inode of this JVM's pid namespace, "0" if it cannot be read (then every pid is checked as ours). */
    static String pidNamespace() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            return link.replaceAll("\\D", "");
        } catch (IOException | RuntimeException e) {
            return "0";
        }
    }

    static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "").substring(0, 8);
        } catch (IOException | RuntimeException e) {
            return "noboot00";
        }
    }
}
