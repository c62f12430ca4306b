package dev.fsconform.operation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The system's mv, run as a real process: the way most people "check" a rename. GNU mv falls back
 * to copy + unlink on EXDEV, which the probe detects afterwards from the changed inode.
 */
final class SystemMv {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/mv"), Path.of("/bin/mv"));

    private SystemMv() {
    }

    static boolean available() {
        return binary() != null;
    }

    private static Path binary() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    static Attempt move(Path source, Path target) {
        Path mv = binary();
        if (mv == null) {
            return new Attempt(false, null, "no mv", "no mv binary in /usr/bin or /bin");
        }
        ProcessBuilder pb = new ProcessBuilder(mv.toString(), "-T", "--", source.toString(), target.toString())
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            int rc = p.waitFor();
            return rc == 0 ? Attempt.ok() : Attempt.toolFailure(rc, Strerror.errnoIn(out), out);
        } catch (IOException e) {
            return new Attempt(false, null, e.getClass().getSimpleName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, null, "InterruptedException", "interrupted while waiting for mv");
        }
    }
}
