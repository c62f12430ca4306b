package dev.fsconform.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The calling thread's /proc/thread-self/mountinfo, parsed once: the only place that shows a mount's type, source and effective
 * options. Every line that is not a mountinfo line is dropped, every field that is missing or garbled
 * is {@link #UNKNOWN} (a mount id of 0): sandboxes such as gVisor write their own mount table.
 *
 * @param unreadable null when the file was read, else why it could not be
 */
public record Mountinfo(List<Mount> mounts, String unreadable) {
    public static final String UNKNOWN = "unknown";

    /**
     * One line.
     *
     * @param id       the mount id, 0 when the line did not give one
     * @param dev      major:minor of the filesystem, as st_dev prints it
     * @param root     the directory of the filesystem mounted here (a bind mount's subtree)
     */
    public record Mount(long id, long parentId, String dev, String root, String mountPoint, String mountOptions,
                        String fsType, String source, String superOptions) {

        public boolean hasOption(String option) {
            return List.of(mountOptions.split(",")).contains(option);
        }

        /** Whether {@code path} (absolute, symlinks resolved) lies at or below this mount point. */
        boolean covers(String path) {
            return path.equals(mountPoint) || mountPoint.equals("/")
                    || path.startsWith(mountPoint.endsWith("/") ? mountPoint : mountPoint + "/");
        }
    }

    public Mountinfo {
        mounts = List.copyOf(mounts);
    }

    /**
     * The calling thread's mount table: a thread can live in a mount namespace of its own (a probe on a
     * thread of the host lab), and /proc/self shows the main thread's. /proc/self before Linux 3.17.
     */
    public static Mountinfo read() {
        Path thread = Path.of("/proc/thread-self/mountinfo");
        return read(Files.exists(thread) ? thread : Path.of("/proc/self/mountinfo"));
    }

    static Mountinfo read(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException | RuntimeException e) {
            return new Mountinfo(List.of(), file + ": " + e.getMessage());
        }
    }

    /** Never throws: a line without a mount point is dropped, a missing field becomes unknown. */
    public static Mountinfo parse(List<String> lines) {
        List<Mount> out = new ArrayList<>();
        for (String line : lines) {
            parseLine(line).ifPresent(out::add);
        }
        return new Mountinfo(out, null);
    }

    private static Optional<Mount> parseLine(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String[] f = line.strip().split(" +");
        if (f.length < 5 || !f[4].startsWith("/")) {
            return Optional.empty();
        }
        int sep = -1;
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals("-")) {
                sep = i;
                break;
            }
        }
        return Optional.of(new Mount(number(f[0]), number(f[1]), field(f, 2), unescape(field(f, 3)),
                unescape(f[4]), field(f, 5), sep < 0 ? UNKNOWN : field(f, sep + 1),
                sep < 0 ? UNKNOWN : unescape(field(f, sep + 2)), sep < 0 ? UNKNOWN : field(f, sep + 3)));
    }

    /**
     * The mount that serves {@code path}: the one statx named when its id is in the table exactly
     * once; otherwise (statx without STATX_MNT_ID gives 0, gVisor's statx is such a case) the deepest
     * mount point above the path, preferring one on the device st_dev reported, the latest mounted on
     * top when several share a mount point.
     */
    public Optional<Mount> find(long statxId, String dev, String path) {
        if (statxId > 0) {
            List<Mount> byId = mounts.stream().filter(m -> m.id() == statxId).toList();
            if (byId.size() == 1) {
                return Optional.of(byId.get(0));
            }
        }
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        List<Mount> above = mounts.stream().filter(m -> m.covers(path)).toList();
        List<Mount> onDev = above.stream().filter(m -> m.dev().equals(dev)).toList();
        List<Mount> pool = onDev.isEmpty() ? above : onDev;
        Mount best = null;
        for (Mount m : pool) {
            if (best == null || m.mountPoint().length() >= best.mountPoint().length()) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Mount points at or below {@code dir}, deepest first so they can be unmounted in order. */
    public List<Path> below(Path dir) {
        // A mount point with NUL (an escaped \\000 some sandbox wrote) names no path this process can unmount.
        return mounts.stream().filter(m -> m.mountPoint().indexOf('\0') < 0).map(m -> Path.of(m.mountPoint()))
                .filter(p -> p.startsWith(dir)).distinct()
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
    }

    private static String field(String[] f, int i) {
        return i < f.length && !f[i].isEmpty() ? f[i] : UNKNOWN;
    }

    private static long number(String s) {
        try {
            return Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The kernel escapes space, tab, newline and backslash as three octal digits. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length() && s.substring(i + 1, i + 4).matches("[0-3][0-7]{2}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
