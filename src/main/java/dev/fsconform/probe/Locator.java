package dev.fsconform.probe;

import dev.fsconform.result.Where;
import dev.fsconform.sys.FsType;
import dev.fsconform.sys.Posix;
import dev.fsconform.sys.Stat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * A cell's {@link Where}: mount id, device and filesystem type of the directories holding its source
 * and its target. One statx per directory (one when both are the same); statfs once per mount, since a
 * mounted filesystem never changes type: keyed by device and statx's mount id, and asked again for
 * every directory where the kernel gives no mount id. Shared by the probe's worker threads.
 */
final class Locator {
    private final Map<String, String> fsTypes = new ConcurrentHashMap<>();

    Where where(Place a, Place b, boolean seeded) {
        Posix posix = Posix.get();
        Stat sa = posix.stat(a.dir(), a.name());
        String fa = fsType(posix, sa, a);
        if (a.equals(b)) {
            long mount = mountId(sa, a);
            return new Where(mount, mount, sa.dev(), sa.dev(), fa, fa, seeded);
        }
        Stat sb = posix.stat(b.dir(), b.name());
        return new Where(mountId(sa, a), mountId(sb, b), sa.dev(), sb.dev(), fa, fsType(posix, sb, b), seeded);
    }

    private static long mountId(Stat st, Place dir) {
        return st.mountId() > 0 ? st.mountId() : FingerprintCollector.mountId(st, dir.path());
    }

    private String fsType(Posix posix, Stat st, Place dir) {
        if (st.mountId() == 0 || !st.exists()) {
            return FsType.name(posix.fsMagic(dir.path()));
        }
        return fsTypes.computeIfAbsent(st.dev() + "/" + st.mountId(), k -> FsType.name(posix.fsMagic(dir.path())));
    }
}
