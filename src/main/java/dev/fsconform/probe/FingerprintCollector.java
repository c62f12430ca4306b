package dev.fsconform.probe;

import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.sys.FsType;
import dev.fsconform.sys.Mountinfo;
import dev.fsconform.sys.Posix;
import dev.fsconform.sys.ProcStatus;
import dev.fsconform.sys.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the fingerprint of the running process and of the directories it probes. */
final class FingerprintCollector {
    private FingerprintCollector() {
    }

    static Fingerprint collect(Map<String, Path> roles, Map<String, String> labels) {
        // The calling thread's: a probe on a thread of the host lab has its own seccomp filter and no_new_privs.
        ProcStatus status = ProcStatus.thread();
        Mountinfo mi = Mountinfo.read();
        List<MountFacts> mounts = new ArrayList<>();
        roles.forEach((role, dir) -> mounts.add(mountOf(role, dir, Posix.get().stat(dir),
                FsType.name(Posix.get().fsMagic(dir)), mi)));
        return build(status, mounts, labels, Posix.get().landlockAbi().recorded());
    }

    /**
     * The fingerprint from what /proc said, whatever it said: unknown fields stay unknown. The sandbox
     * and Landlock restriction the launcher declared in labels become the fingerprint's typed fields.
     */
    static Fingerprint build(ProcStatus status, List<MountFacts> mounts, Map<String, String> labels, int landlockAbi) {
        return new Fingerprint(
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                hostname(),
                status.numberOr("Uid"),
                status.text("CapEff"),
                status.numberOr("Seccomp"),
                status.numberOr("Seccomp_filters"),
                status.flag("NoNewPrivs").orElse(false),
                landlockAbi,
                null,
                mounts,
                labels,
                procVersion(),
                null);
    }

    /** The facts of {@code dir}'s mount from what stat and statfs said and the mount table. */
    static MountFacts mountOf(String role, Path dir, Stat st, String statfsType, Mountinfo mi) {
        return mount(st, dir, mi)
                .map(e -> new MountFacts(role, dir.toString(), e.id(), st.dev(), e.mountPoint(), e.fsType(),
                        e.source(), e.mountOptions(), e.superOptions(), statfsType))
                .orElse(new MountFacts(role, dir.toString(), st.mountId(), st.dev(), null, null, null, null, null,
                        statfsType));
    }

    /**
     * The mount id of {@code dir}: statx's when it gave one, else the mount table's (gVisor's statx
     * reports no mount id), else 0 for unknown.
     */
    static long mountId(Stat st, Path dir) {
        return st.mountId() > 0 ? st.mountId() : mount(st, dir, Mountinfo.read()).map(Mountinfo.Mount::id).orElse(0L);
    }

    private static Optional<Mountinfo.Mount> mount(Stat st, Path dir, Mountinfo mi) {
        return mi.find(st.mountId(), st.dev(), realPath(dir));
    }

    private static String realPath(Path dir) {
        try {
            return dir.toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return dir.toAbsolutePath().normalize().toString();
        }
    }

    private static String procVersion() {
        try {
            return Files.readAllLines(Path.of("/proc/version")).stream().findFirst().map(String::strip).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
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
