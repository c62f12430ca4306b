package dev.fsconform.app;

import java.nio.file.Path;

/**
 * One traced rename-family call, paths resolved: {@code source} is what moves, links or goes
 * ({@code unlink}'s path, {@code copy_file_range}'s input), {@code target} the new name or the copy's
 * output (null for unlink). {@code errno} is null when the call succeeded.
 */
record Call(int pid, String syscall, String flags, Path source, Path target, String errno) {

    boolean ok() {
        return errno == null;
    }

    boolean moves() {
        return syscall.startsWith("rename") || syscall.startsWith("link");
    }

    boolean removes() {
        return syscall.startsWith("unlink");
    }

    boolean copies() {
        return syscall.equals("copy_file_range");
    }

    /** The call as a catalogue operation id (renameat2-noreplace …), or null when the catalogue has none. */
    String operation() {
        switch (syscall) {
            case "rename", "renameat", "link", "linkat":
                return syscall;
            case "renameat2":
                if (flags == null || flags.equals("0")) {
                    return "renameat2";
                }
                if (flags.equals("RENAME_NOREPLACE")) {
                    return "renameat2-noreplace";
                }
                if (flags.equals("RENAME_EXCHANGE")) {
                    return "renameat2-exchange";
                }
                return flags.equals("RENAME_WHITEOUT") ? "renameat2-whiteout" : null;
            default:
                return null;
        }
    }

    /** "renameat2(src/payload, other/dst/payload, RENAME_NOREPLACE) = -1 EXDEV", paths relative to {@code base}. */
    String show(Path base) {
        StringBuilder b = new StringBuilder(syscall).append('(').append(rel(base, source));
        if (target != null) {
            b.append(", ").append(rel(base, target));
        }
        if (flags != null && !flags.equals("0") && syscall.startsWith("rename")) {
            b.append(", ").append(flags);
        }
        return b.append(") = ").append(ok() ? "0" : "-1 " + errno).toString();
    }

    private static String rel(Path base, Path p) {
        if (p == null) {
            return "?";
        }
        if (p.startsWith(base)) {
            return shorten(base.relativize(p));
        }
        Path parent = base.getParent();
        return parent != null && p.startsWith(parent) ? "../" + shorten(parent.relativize(p)) : p.toString();
    }

    /** Content hashes as names make a line unreadable: long components keep their first 12 characters. */
    private static String shorten(Path p) {
        StringBuilder b = new StringBuilder();
        for (Path part : p) {
            String s = part.toString();
            b.append(b.isEmpty() ? "" : "/").append(s.length() > 24 ? s.substring(0, 12) + "…" : s);
        }
        return b.toString();
    }
}
