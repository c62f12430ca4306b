package dev.fsconform.repro;

import dev.fsconform.scenario.Kind;
import dev.fsconform.scenario.Placement;
import dev.fsconform.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/** Shell that builds a scenario's fixture the way {@code Fixture} and {@code Seeds} do. */
final class Setups {
    /** Seeded fixtures live in an overlay lower layer: that is what "seeded" stands for. */
    private static final String OVERLAY = "mount -t overlay overlay -o lowerdir=\"$PWD/lower\",upperdir=\"$PWD/upper\","
            + "workdir=\"$PWD/work\" merged";

    private Setups() {
    }

    static String setup(Scenario s) {
        List<String> lines = new ArrayList<>();
        lines.add("# " + s.describe());
        lines.add("set -e; cd \"$(mktemp -d)\"");
        String root = s.seeded() ? "lower/" : "";
        String targetDir = Paths.targetDir(s.placement());
        if (s.seeded()) {
            lines.add("mkdir -p lower/a upper work merged" + (s.placement() == Placement.CROSS_DIR ? " lower/b" : ""));
        } else if (s.placement() == Placement.CROSS_MOUNT) {
            lines.add("mkdir -p a m && mount -t tmpfs tmpfs m && mkdir m/b   # the target's parent on another mount");
        } else {
            lines.add("mkdir -p a" + (s.placement() == Placement.CROSS_DIR ? " b" : ""));
        }
        lines.add(make(s.source(), root + "a/src", "source"));
        if (s.target() != null) {
            lines.add(make(s.target(), root + targetDir + "/dst", "target"));
        }
        if (s.seeded()) {
            lines.add(OVERLAY);
            lines.add("cd merged   # clean up afterwards: cd .. && umount merged");
        } else if (s.placement() == Placement.CROSS_MOUNT) {
            lines.add("# clean up afterwards: umount m");
        }
        return String.join("\n", lines);
    }

    private static String make(Kind kind, String path, String data) {
        switch (kind) {
            case FILE: return "printf '" + data + "' > " + path;
            case DIR: return "mkdir " + path + " && printf '" + data + "' > " + path + "/inner";
            case EMPTYDIR: return "mkdir " + path;
            case SYMLINK: return "ln -s dangling-" + data + " " + path;
            default: throw new AssertionError(kind);
        }
    }
}
