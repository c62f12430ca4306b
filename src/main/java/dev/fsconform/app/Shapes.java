package dev.fsconform.app;

import dev.fsconform.sys.Posix;
import dev.fsconform.sys.Stat;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The deciding call of an app cell as a catalogue scenario ({@code dir-cross-dir},
 * {@code cross-mount-file} …), measured right after the job, so the cause rules find the syscall
 * cells that serve as its controls.
 */
final class Shapes {
    private Shapes() {
    }

    static String scenario(Call c) {
        if (c.source() == null || c.target() == null || c.operation() == null) {
            return null;
        }
        boolean dir = Files.isDirectory(c.source(), LinkOption.NOFOLLOW_LINKS)
                || (!Files.exists(c.source(), LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(c.target(), LinkOption.NOFOLLOW_LINKS));
        String kind = dir ? "dir" : "file";
        Path a = c.source().getParent();
        Path b = c.target().getParent();
        if (a != null && a.equals(b)) {
            return kind + "-same-dir";
        }
        Stat sa = Posix.get().stat(existingParent(c.source()));
        Stat sb = Posix.get().stat(existingParent(c.target()));
        boolean otherMount = sa != null && sb != null && (sa.mountId() != sb.mountId() || !java.util.Objects.equals(sa.dev(), sb.dev()));
        return otherMount ? "cross-mount-" + kind : kind + "-cross-dir";
    }

    /** The nearest existing ancestor of {@code p}'s parent: temp directories are often gone by now. */
    static Path existingParent(Path p) {
        Path d = p.getParent();
        while (d != null && !Files.isDirectory(d)) {
            d = d.getParent();
        }
        return d == null ? Path.of("/") : d;
    }
}
