package dev.fsconform.fuzz;

import dev.fsconform.report.Input;
import dev.fsconform.report.Inputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Real inputs the fuzzers start from: recorded runs of the host lab and the catalogues as shipped. */
final class Corpus {
    private static final Path RECORDED = resource("/recorded");
    private static final List<byte[]> RESULTS = loadResults();
    private static final Input MERGE_PARTNER = Inputs.read(RECORDED.resolve("host.json.gz"));

    private Corpus() {
    }

    /** The recorded results files, decompressed: one environment each, ~600 cells. */
    static List<byte[]> results() {
        return RESULTS;
    }

    /** A recorded run the fuzzed file is merged with, so merging and name clashes are exercised too. */
    static Input recordedInput() {
        return MERGE_PARTNER;
    }

    static byte[] environments() {
        return classpath("/matrix/environments.yaml");
    }

    static byte[] kernels() {
        return classpath("/matrix/kernels.yaml");
    }

    static byte[] containers() {
        return classpath("/matrix/containers.yaml");
    }

    static byte[] expectations() {
        return classpath("/dev/fsconform/grade/expectations.yaml");
    }

    /** A declared-outcomes file as the JUnit tutorial writes one. */
    static byte[] declared() {
        return ("""
                declared:
                  - cells: ["link:*", "rename:file-cross-mount"]
                    outcomes: [EPERM, EXDEV]
                    rationale: the driver refuses hard links (policy HL-1)
                  - cells: ["renameat2-*:*"]
                    rationale: renameat2 is filtered by the sandbox's seccomp policy
                """).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Recorded /proc/self/mountinfo and status files of the host, Docker, bubblewrap and gVisor. */
    static List<byte[]> procFiles() {
        List<byte[]> out = new java.util.ArrayList<>();
        for (String dir : List.of("/dev/fsconform/sys/mountinfo", "/dev/fsconform/sys/status")) {
            try (Stream<Path> files = Files.list(resource(dir))) {
                files.sorted().forEach(p -> {
                    try {
                        out.add(Files.readAllBytes(p));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static List<byte[]> loadResults() {
        try (Stream<Path> files = Files.list(RECORDED)) {
            return files.filter(p -> p.toString().endsWith(".json.gz")).sorted().map(Corpus::gunzip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(Path p) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] classpath(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test seed " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(Corpus.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
