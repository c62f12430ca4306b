package dev.fsconform.env;

import dev.fsconform.sys.Mountinfo;
import java.nio.file.Path;
import java.util.List;

/** Mount points of this process's mount namespace, for the reaper. */
final class HostMounts {
    private HostMounts() {
    }

    /** Mount points at or below {@code dir}, deepest first so they can be unmounted in order. */
    static List<Path> below(Path dir) {
        return Mountinfo.read().below(dir);
    }
}
