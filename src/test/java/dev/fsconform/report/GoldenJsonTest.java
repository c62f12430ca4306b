package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals the format of matrix.json. The inputs are real probe output (ext4 with a tmpfs second
 * directory, and an overlay over a seeded lower layer), trimmed to a few rows. If the schema changes
 * on purpose, regenerate with {@code -Dfsconform.golden.update=true} and review the diff.
 */
class GoldenJsonTest {
    private static final String TOOL = "fsconform golden";

    @TempDir
    Path out;

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenJsonTest.class.getResource("golden/" + name).toURI());
    }

    private static ResultsFile merged() throws URISyntaxException {
        return Merge.of(List.of(Inputs.read(golden("tmp.json")), Inputs.read(golden("overlay.json"))), TOOL);
    }

    private static String expected(ResultsFile merged) throws Exception {
        Path file = golden("matrix.json");
        if (Boolean.getBoolean("fsconform.golden.update")) {
            Path source = Path.of("src/test/resources/dev/fsconform/report/golden/matrix.json");
            Files.writeString(source, ResultsJson.write(merged));
            return Files.readString(source);
        }
        return Files.readString(file);
    }

    @Test
    void mergedRealResultsMatchTheGoldenFileByteForByte() throws Exception {
        // GIVEN two real results files
        ResultsFile merged = merged();
        // WHEN merged and written
        String json = ResultsJson.write(merged);
        // THEN the bytes are exactly the checked-in golden file
        assertThat(json).isEqualTo(expected(merged));
    }

    @Test
    void reportWritesTheSameJsonAsTheGoldenFile() throws Exception {
        // GIVEN the merged results
        ResultsFile merged = merged();
        // WHEN the report is written
        Report.write(merged, FakeVerdicts.of(merged), out);
        // THEN its matrix.json is the golden file, and a page sits beside it
        assertThat(Files.readString(out.resolve(Report.JSON))).isEqualTo(expected(merged));
        assertThat(out.resolve(Report.HTML)).isNotEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(Report.HTML)))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(Report.JSON)))).isEqualTo("rw-r--r--");
    }

    @Test
    void writeReadWriteIsByteIdentical() throws Exception {
        // GIVEN the golden file
        String golden = Files.readString(golden("matrix.json"));
        // WHEN read and written again, twice
        String once = ResultsJson.write(ResultsJson.read(golden, "golden"));
        String twice = ResultsJson.write(ResultsJson.read(once, "once"));
        // THEN nothing changed
        assertThat(once).isEqualTo(golden);
        assertThat(twice).isEqualTo(golden);
    }

    @Test
    void theInputsThemselvesRoundTrip() throws Exception {
        for (String name : List.of("tmp.json", "overlay.json")) {
            String text = Files.readString(golden(name));
            assertThat(ResultsJson.write(ResultsJson.read(text, name))).as(name).isEqualTo(text);
        }
    }

    @Test
    void mergingIsDeterministic() throws Exception {
        assertThat(ResultsJson.write(merged())).isEqualTo(ResultsJson.write(merged()));
    }

    @Test
    void benchmarkSizedFileRoundTrips(@TempDir Path dir) throws IOException {
        // GIVEN a merged file of the benchmark's size
        ResultsFile big = Synthetic.results(20, 400, 3);
        // WHEN written to disk and read back
        ResultsJson.write(big, dir.resolve("big.json"));
        // THEN it is equal as a value
        assertThat(ResultsJson.read(dir.resolve("big.json"))).isEqualTo(big);
    }
}
