package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsAValidResultsFile() throws IOException {
        // GIVEN a results file
        Path f = file("ok.json", ResultsJson.write(Synthetic.results(2, 5, 1)));
        // WHEN read
        Input in = Inputs.read(f);
        // THEN its environments are there and its origin names it
        assertThat(in.file().environments()).hasSize(2);
        assertThat(in.origin()).isEqualTo(f.toString());
    }

    @Test
    void readsGzipCompressedResults() throws IOException {
        // GIVEN a gzip-compressed results file (a CI artifact)
        Path f = dir.resolve("ci.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(ResultsJson.write(Synthetic.results(3, 4, 2)).getBytes(StandardCharsets.UTF_8));
        }
        // WHEN read
        // THEN it is the same as the plain file
        assertThat(Inputs.read(f).file()).isEqualTo(Synthetic.results(3, 4, 2));
    }

    @Test
    void missingFileIsOneLineNamingIt() {
        Path f = dir.resolve("nope.json");
        assertThatThrownBy(() -> Inputs.read(f)).isInstanceOf(InvalidResultsException.class)
                .hasMessage(f + ": no such file");
    }

    @Test
    void directoryIsRejected() {
        assertThatThrownBy(() -> Inputs.read(dir)).isInstanceOf(InvalidResultsException.class)
                .hasMessageStartingWith(dir + ": is a directory");
    }

    @Test
    void notJsonIsRejectedNamingTheFile() throws IOException {
        Path f = file("junk.json", "<html>not json</html>");
        assertThatThrownBy(() -> Inputs.read(f)).isInstanceOf(InvalidResultsException.class)
                .hasMessageStartingWith(f + ": not a results file").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void wrongSchemaIsRejected() throws IOException {
        Path f = file("other.json", "{\"schema\":\"something-else\",\"schemaVersion\":1,\"environments\":[]}");
        assertThatThrownBy(() -> Inputs.read(f)).isInstanceOf(InvalidResultsException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("schema");
    }

    @Test
    void newerVersionIsRejected() throws IOException {
        Path f = file("new.json", "{\"schema\":\"fsconform-results\",\"schemaVersion\":99,\"environments\":[]}");
        assertThatThrownBy(() -> Inputs.read(f)).isInstanceOf(InvalidResultsException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("newer");
    }

    @Test
    void environmentWithoutNameIsRejectedBeforeAnyMerge() throws IOException {
        Path f = file("noname.json", "{\"schema\":\"fsconform-results\",\"schemaVersion\":1,"
                + "\"environments\":[{\"status\":\"RAN\",\"cells\":[]}]}");
        assertThatThrownBy(() -> Inputs.read(f)).isInstanceOf(InvalidResultsException.class)
                .hasMessage(f + ": environment #1 has no name");
    }

    @Test
    void cellWithoutOperationIsRejected() throws IOException {
        Path f = file("nocell.json", "{\"schema\":\"fsconform-results\",\"schemaVersion\":1,"
                + "\"environments\":[{\"name\":\"x\",\"status\":\"RAN\",\"cells\":[{\"scenario\":\"s\",\"status\":\"RAN\"}]}]}");
        assertThatThrownBy(() -> Inputs.read(f)).isInstanceOf(InvalidResultsException.class)
                .hasMessageContaining(f + ": environment #1 (x) has a cell without");
    }
}
