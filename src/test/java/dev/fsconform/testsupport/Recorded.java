package dev.fsconform.testsupport;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Results recorded on real environments by scripts/record-environments.sh (kernel 6.18): the canned
 * fingerprints and cells that grading and cause tests read.
 */
public final class Recorded {
    public static final List<String> NAMES = List.of("host", "bind-mounts", "btrfs-subvolume", "overlay-off",
            "overlay-on", "overlay-other-fs", "fuse-overlayfs", "landlock-no-refer", "landlock-refer", "overlay-landlock-no-refer",
            "overlay-landlock-refer", "seccomp-renameat2-enosys", "seccomp-renameat2-eperm");

    private Recorded() {
    }

    public static String json(String name) {
        String resource = "/recorded/" + name + ".json.gz";
        try (InputStream raw = Recorded.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no recorded environment " + resource);
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ResultsFile file(String name) {
        return ResultsJson.read(json(name), name);
    }

    public static EnvironmentResult env(String name) {
        return file(name).environments().get(0);
    }

    /** The cell {@code op × scenario}; fails loudly when the recording lacks it. */
    public static Observation cell(EnvironmentResult env, String op, String scenario) {
        return env.cells().stream().filter(o -> o.operation().equals(op) && o.scenario().equals(scenario)).findFirst()
                .orElseThrow(() -> new AssertionError(env.name() + " has no cell " + op + " × " + scenario));
    }
}
