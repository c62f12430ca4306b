package dev.fsconform.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * jnr-ffi unpacks its JNI stub into java.io.tmpdir and loads it from there. Inside a sandbox /tmp may
 * be read-only (Landlock, bind mounts) or noexec (Docker's --tmpfs), and the stub then fails to load
 * for good. Before the first native call, pick a directory that is writable and executable.
 */
public final class NativeBootstrap {
    private NativeBootstrap() {
    }

    /**
     * Points jffi at the first usable fallback when the temp directory cannot hold its stub; idempotent,
     * and nothing once libc is loaded.
     * Several, because one may share the temp directory's noexec mount (a probe in Docker's --tmpfs /tmp).
     */
    public static void prepare(Path... fallbacks) {
        // Loaded: the stub is in memory (a probe on a thread of the host lab, under a sandbox that
        // would not even let it test the temp directory).
        if (Posix.loaded() || System.getProperty("jffi.extract.dir") != null || System.getProperty("jffi.boot.library.path") != null) {
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (usable(tmp)) {
            return;
        }
        for (Path fallback : fallbacks) {
            if (fallback != null && usable(fallback)) {
                System.setProperty("jffi.extract.dir", fallback.toString());
                return;
            }
        }
    }

    /** Whether jffi could load its stub from the temp directory as things are now. */
    public static boolean tempDirUsable() {
        return System.getProperty("jffi.extract.dir") == null && System.getProperty("jffi.boot.library.path") == null
                && usable(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static boolean usable(Path dir) {
        if (noexec(dir)) {
            return false;
        }
        try {
            Files.delete(Files.createTempFile(dir, ".fsconform-native-", ".probe"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Whether the mount holding {@code dir} is noexec. */
    private static boolean noexec(Path dir) {
        try {
            Path real = dir.toRealPath();
            return Mountinfo.read().find(0, null, real.toString()).map(m -> m.hasOption("noexec")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }
}
