package dev.fsconform.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.container.ContainerCatalog;
import dev.fsconform.container.InvalidContainersException;
import dev.fsconform.env.EnvironmentCatalog;
import dev.fsconform.env.InvalidEnvironmentsException;
import dev.fsconform.junit.DeclaredReader;
import dev.fsconform.result.ResultsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each documented bound of {@link Limits} (docs/reliability.md, "Bounds"), hit from outside: the command
 * a user runs, in a JVM of its own with a small heap, so that "refused at the bound" also means "without
 * first holding the input in memory". Each refusal is exit 2 and one line naming the bound.
 */
class BoundsTest {
    /** The heap every refusal must fit in: far below any input it refuses. */
    static final String HEAP = "-Xmx64m";
    private static final String RESULTS_HEAD = "{\"schema\":\"fsconform-results\",\"schemaVersion\":2,\"tool\":\"t\","
            + "\"generatedAt\":\"2026-01-01T00:00:00Z\",\"environments\":[";

    @TempDir
    Path tmp;

    record Run(int code, String stderr) {
        void refusedInOneLine(String... words) {
            assertThat(code).as("exit code; stderr: %s", stderr).isEqualTo(2);
            assertThat(stderr.lines().toList()).as("stderr").hasSize(1);
            assertThat(stderr).startsWith("fsconform").doesNotContain("\tat ", "Exception in thread", "OutOfMemoryError")
                    .contains(words);
        }
    }

    @Test
    void aGzipBombIsRefusedAtTheDecompressedSizeWithoutHoldingIt() throws IOException {
        // GIVEN 300 MiB of results-file text (a valid head, then blanks) gzip-compressed to a few hundred KB
        Path bomb = tmp.resolve("bomb.json.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            z.write(RESULTS_HEAD.getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 300; i++) {
                z.write(blanks);
            }
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);

        // WHEN grade reads it in a 64 MiB heap THEN it is refused at 256 MiB decompressed
        fsconform("grade", bomb.toString()).refusedInOneLine("larger than 256 MiB once decompressed");
    }

    @Test
    void aHundredMegabyteEnvironmentNameIsRefusedAtTheStringBound() throws IOException {
        Path file = tmp.resolve("name.json");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(RESULTS_HEAD + "{\"name\":\"");
            char[] mb = new char[1 << 20];
            java.util.Arrays.fill(mb, 'n');
            for (int i = 0; i < 100; i++) {
                w.write(mb);
            }
            w.write("\",\"status\":\"RAN\",\"cells\":[]}]}");
        }
        fsconform("report", file.toString(), "--out", tmp.resolve("out").toString())
                .refusedInOneLine(file.toString(), "String value length", "exceeds the maximum");
        assertThat(tmp.resolve("out/matrix.html")).doesNotExist();
    }

    @Test
    void aMillionCellsAreRefusedAtTheCellBound() throws IOException {
        Path file = cells("million.json", 1_000_000);
        fsconform("grade", file.toString()).refusedInOneLine("more than " + Limits.CELLS + " cells");
    }

    @Test
    void cellsOfSeveralFilesCountTogether() throws IOException {
        List<String> args = new ArrayList<>(List.of("grade"));
        for (int f = 0; f < 3; f++) {
            args.add(cells("part" + f + ".json", 70_000).toString());
        }
        fsconform(args.toArray(String[]::new)).refusedInOneLine("part2.json", "210000 cells", "split them");
    }

    @Test
    void deepNestingIsRefusedAtTheDepthBound() throws IOException {
        Path file = tmp.resolve("deep.json");
        Files.writeString(file, RESULTS_HEAD + "[".repeat(100_000) + "]".repeat(100_000) + "]}");
        fsconform("grade", file.toString()).refusedInOneLine("nesting depth", "exceeds the maximum allowed (" + Limits.DEPTH);
    }

    @Test
    void aSchemaVersionFromTheFutureIsRefusedAsSuch() throws IOException {
        Path file = tmp.resolve("future.json");
        // Fields this version does not know, and the ones it does renamed: the version is what is reported.
        int future = ResultsFile.VERSION + 1;
        Files.writeString(file, "{\"schema\":\"fsconform-results\",\"schemaVersion\":" + future + ",\"envs\":{\"renamed\":true}}");
        fsconform("grade", file.toString()).refusedInOneLine(
                "schema version " + future + " is newer than this fsconform reads (" + ResultsFile.VERSION + ")");
    }

    /**
     * Jackson reads YAML as a stream of events and never expands an alias into a copy of its anchor, so
     * a "billion laughs" costs what its text costs; it is refused for its structure, in the small heap.
     */
    @Test
    void aYamlAliasBombIsNeverExpanded() throws IOException {
        // GIVEN an environments catalogue whose one list is nine levels of ten aliases each (10^9 if expanded)
        StringBuilder y = new StringBuilder("environments:\n  - &a0 {name: x, group: g, description: d, backend: {kind: dir}}\n");
        for (int i = 1; i < 10; i++) {
            y.append("  - &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        Path file = Files.writeString(tmp.resolve("laughs.yaml"), y);

        // WHEN matrix loads it THEN it is refused in one line before anything is built, within 64 MiB
        long t0 = System.nanoTime();
        fsconform("matrix", "--environments", file.toString(), "--out", tmp.resolve("out").toString())
                .refusedInOneLine("laughs.yaml");
        assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds").isLessThan(60);
        assertThat(catalogueRefusal(() -> ContainerCatalog.load(file), InvalidContainersException.class)).contains("laughs.yaml");
    }

    @Test
    void aHugeCatalogueIsRefusedAtTheCatalogueBound() throws IOException {
        Path file = tmp.resolve("huge.yaml");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("environments:\n");
            for (int i = 0; i < 200_000; i++) {
                w.write("  - {name: e" + i + ", group: g, description: d, backend: {kind: dir}}\n");
            }
        }
        fsconform("matrix", "--environments", file.toString(), "--out", tmp.resolve("out").toString())
                .refusedInOneLine("huge.yaml", "larger than 1 MiB");
        assertThat(catalogueRefusal(() -> EnvironmentCatalog.load(file), InvalidEnvironmentsException.class))
                .contains("larger than 1 MiB");
    }

    @Test
    void aHugeOverrideFileIsRefusedAtTheCatalogueBound() throws IOException {
        Path file = tmp.resolve("declared.yaml");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("declared:\n");
            for (int i = 0; i < 50_000; i++) {
                w.write("  - {cells: [\"link:*\"], rationale: the driver refuses hard links " + i + "}\n");
            }
        }
        assertThat(catalogueRefusal(() -> DeclaredReader.load(file, List.of()), IllegalArgumentException.class))
                .contains("declared.yaml", "larger than 1 MiB").doesNotContain("\n");
    }

    /** A results file of one environment with {@code n} small cells (57 bytes each). */
    private Path cells(String name, int n) throws IOException {
        Path file = tmp.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(RESULTS_HEAD + "{\"name\":\"" + name.replace(".json", "") + "\",\"status\":\"RAN\",\"cells\":[");
            for (int i = 0; i < n; i++) {
                w.write((i == 0 ? "" : ",") + "{\"operation\":\"rename\",\"scenario\":\"s" + i + "\",\"status\":\"NOT_APPLICABLE\"}");
            }
            w.write("]}]}");
        }
        return file;
    }

    private static String catalogueRefusal(Runnable load, Class<? extends RuntimeException> refusal) {
        try {
            load.run();
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(refusal);
            return e.getMessage();
        }
        throw new AssertionError("accepted");
    }

    /** The command line in its own JVM with {@link #HEAP}, as a user's shell would run it. */
    static Run fsconform(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), HEAP,
                "-cp", System.getProperty("java.class.path"), "dev.fsconform.cli.Main"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            byte[] err = p.getErrorStream().readAllBytes();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
            return new Run(p.exitValue(), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
