package dev.fsconform.probe;

import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.sys.FsType;
import dev.fsconform.sys.Posix;
import dev.fsconform.sys.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the fingerprint of the running process and of the directories it probes. */
final class FingerprintCollector {
    private FingerprintCollector() {
    }

    static Fingerprint collect(Map<String, Path> roles, Map<String, String> labels) {
        Map<String, String> status = procStatus();
        Mountinfo mi = Mountinfo.read();
        List<MountFacts> mounts = new ArrayList<>();
        roles.forEach((role, dir) -> mounts.add(mountOf(role, dir, mi)));
        String restricted = labels.get("landlock.restricted");
        return new Fingerprint(
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                hostname(),
                firstInt(status.get("Uid")),
                status.getOrDefault("CapEff", "unknown"),
                firstInt(status.get("Seccomp")),
                firstInt(status.get("Seccomp_filters")),
                firstInt(status.get("NoNewPrivs")) == 1,
                Posix.get().landlockAbi(),
                restricted == null ? null : Boolean.valueOf(restricted),
                mounts,
                labels);
    }

    static MountFacts mountOf(String role, Path dir, Mountinfo mi) {
        Posix posix = Posix.get();
        Stat st = posix.stat(dir);
        String statfs = FsType.name(posix.fsMagic(dir));
        return mi.byId(st.mountId())
                .map(e -> new MountFacts(role, dir.toString(), st.mountId(), st.dev(), e.mountPoint(), e.fsType(),
                        e.source(), e.mountOptions(), e.superOptions(), statfs))
                .orElse(new MountFacts(role, dir.toString(), st.mountId(), st.dev(), null, null, null, null, null, statfs));
    }

    private static Map<String, String> procStatus() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException ignored) {
            // Without /proc the fingerprint says "unknown"/-1 rather than failing the probe.
        }
        return out;
    }

    private static int firstInt(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Integer.parseInt(value.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
