package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe command end to end, in-process: output, JSON against its schema, bad input, no leftovers. */
class ProbeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesSchemaValidJsonAndLeavesNoScratchBehind() throws Exception {
        // GIVEN an empty directory
        Path dir = Files.createDirectory(tmp.resolve("probe"));
        Path json = tmp.resolve("out.json");

        // WHEN the whole catalogue runs in it
        Captured run = Captured.run("probe", dir.toString(), "--json", json.toString(), "--name", "unit");

        // THEN it succeeds, the JSON validates, and the directory is as empty as before
        assertThat(run.code).as("exit code; stderr: %s", run.err).isZero();
        assertThat(run.out).contains("fsconform probe 'unit'").contains("outcomes:");
        assertThat(schemaErrors(json)).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("left behind in the probed directory").isEmpty();
        }
    }

    @Test
    void missingDirectoryIsOneLineAndExitTwo() {
        Path json = tmp.resolve("never.json");

        Captured run = Captured.run("probe", tmp.resolve("missing").toString(), "--json", json.toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.strip()).doesNotContain("\n").contains("does not exist").doesNotContain("Exception");
        assertThat(json).doesNotExist();
    }

    @Test
    void fileInsteadOfDirectoryIsOneLineAndExitTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");

        Captured run = Captured.run("probe", file.toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("fsconform: DIR " + file + " is not a directory");
    }

    @Test
    void jsonIntoAMissingDirectoryFailsBeforeProbing() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));

        Captured run = Captured.run("probe", dir.toString(), "--json", tmp.resolve("no/such/out.json").toString());

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("output directory").contains("does not exist");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        Captured run = Captured.run("probe", "--frobnicate");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.strip().lines()).hasSize(1);
    }

    @Test
    void aLabelWithoutKeyOrValueIsOneLineNamingItBeforeProbing() {
        Captured run = Captured.run("probe", tmp.toString(), "--label", "novalue");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("fsconform: --label wants KEY=VALUE, got 'novalue'");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void seedWritesFixturesOnceAndRefusesToOverwrite() {
        Captured first = Captured.run("seed", tmp.resolve("lower").toString());
        Captured second = Captured.run("seed", tmp.resolve("lower").toString());

        assertThat(first.code).isZero();
        assertThat(first.out).startsWith("seeded ");
        assertThat(tmp.resolve("lower/fsconform-seed/SEED-V1")).exists();
        assertThat(second.code).isEqualTo(2);
        assertThat(second.err).contains("already exists");
    }

    @Test
    void badJobsIsOneLineError() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("j"));
        for (String bad : List.of("0", "-2", "many")) {
            Captured run = Captured.run("probe", dir.toString(), "--jobs", bad, "--quiet");
            assertThat(run.code).as("--jobs %s", bad).isEqualTo(2);
            assertThat(run.err.strip()).as("--jobs %s", bad).contains("--jobs").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void schemaRejectsACellWithAnUnknownStatus() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("p"));
        Path json = tmp.resolve("o.json");
        Captured.run("probe", dir.toString(), "--json", json.toString(), "--quiet");

        Files.writeString(json, Files.readString(json).replaceFirst("\"status\" : \"RAN\",\\s*\"reason\" : null,\\s*\"outcome\"",
                "\"status\" : \"BOGUS\", \"reason\" : null, \"outcome\""));

        assertThat(schemaErrors(json)).as("a schema that cannot fail is no check").isNotEmpty();
    }

    static List<Error> schemaErrors(Path json) throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema;
        try (InputStream in = ProbeCommandTest.class.getResourceAsStream("/dev/fsconform/result/results-v3.schema.json")) {
            schema = registry.getSchema(in);
        }
        return schema.validate(Files.readString(json), InputFormat.JSON);
    }

    /** Runs the CLI in-process with captured standard streams. */
    record Captured(int code, String out, String err) {
        static Captured run(String... args) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                int code = Main.execute(args);
                return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }
}
