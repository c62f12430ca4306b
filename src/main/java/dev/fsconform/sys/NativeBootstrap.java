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

    /** Points jffi at {@code fallback} when the temp directory cannot hold its stub; idempotent. */
    public static void prepare(Path fallback) {
        if (System.getProperty("jffi.extract.dir") != null || System.getProperty("jffi.boot.library.path") != null) {
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (usable(tmp)) {
            return;
        }
        if (fallback != null && usable(fallback)) {
            System.setProperty("jffi.extract.dir", fallback.toString());
        }
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

    /** Whether the mount holding {@code dir} is noexec, from the longest matching mount point. */
    private static boolean noexec(Path dir) {
        String path;
        try {
            path = dir.toRealPath().toString();
        } catch (IOException e) {
            return false;
        }
        String best = "";
        boolean noexec = false;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
            for (String line : lines) {
                String[] f = line.split(" ");
                if (f.length < 6) {
                    continue;
                }
                String mp = f[4].replace("\\040", " ");
                boolean under = path.equals(mp) || path.startsWith(mp.endsWith("/") ? mp : mp + "/");
                if (under && mp.length() >= best.length()) {
                    best = mp;
                    noexec = List.of(f[5].split(",")).contains("noexec");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return noexec;
    }
}
