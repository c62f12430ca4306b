package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.report.Inputs;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.Verdicts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report command end to end on recorded real runs, and its refusal of bad input. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    private static String recorded(String name) throws URISyntaxException {
        return Path.of(ReportCommandTest.class.getResource("/recorded/" + name + ".json.gz").toURI()).toString();
    }

    private Path out() {
        return tmp.resolve("out");
    }

    private List<Path> written() throws IOException {
        if (!Files.exists(out())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out())) {
            return s.toList();
        }
    }

    @Test
    void mergesRecordedRunsIntoPageAndJsonAndPrintsTheVerdictSummary() throws Exception {
        // GIVEN three recorded environments, one of them given twice
        // WHEN reported
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("report", recorded("host"), recorded("overlay-off"),
                recorded("landlock-no-refer"), recorded("host"), "--out", out().toString());
        // THEN both files are written, the JSON holds each environment once, and the console shows the verdicts
        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        ResultsFile merged = ResultsJson.read(out().resolve("matrix.json"));
        assertThat(merged.environments()).extracting(EnvironmentResult::name)
                .containsExactly("host", "overlay-off", "landlock-no-refer");
        assertThat(Files.readString(out().resolve("matrix.html"))).contains("landlock-no-refer", "id=\"fsc-data\"");
        assertThat(run.out()).contains("overlay-off", "landlock-refer", "wrote " + out().resolve("matrix.html"));
    }

    @Test
    void consoleSummaryIsTheVerdictSummaryOfTheMergedFileNothingElse() throws Exception {
        // GIVEN two recorded environments
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("report", recorded("overlay-on"),
                recorded("seccomp-renameat2-enosys"), "--out", out().toString());
        // WHEN the merged file is graded again and printed by the one console renderer
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ConsoleSummary.print(Verdicts.of(ResultsJson.read(out().resolve("matrix.json"))),
                new PrintStream(expected, true, StandardCharsets.UTF_8));
        // THEN the command printed exactly that, then where it wrote, and the JSON meets the results schema
        assertThat(run.out()).isEqualTo(expected.toString(StandardCharsets.UTF_8) + "wrote " + out().resolve("matrix.html")
                + " and " + out().resolve("matrix.json") + System.lineSeparator());
        assertThat(ProbeCommandTest.schemaErrors(out().resolve("matrix.json"))).isEmpty();
    }

    @Test
    void sameNameFromTwoMachinesIsKeptApart() throws Exception {
        // GIVEN a second file whose environment is called "host" too, from another kernel
        EnvironmentResult env = Inputs.read(Path.of(recorded("overlay-on"))).file().environments().get(0);
        Fingerprint fp = env.fingerprint();
        EnvironmentResult renamed = new EnvironmentResult("host", env.group(), env.description(), env.status(),
                env.reason(), new Fingerprint("5.15.0", fp.arch(), fp.javaVersion(), "ci-runner-7", fp.uid(),
                fp.capEff(), fp.seccompMode(), fp.seccompFilters(), fp.noNewPrivs(), fp.landlockAbi(),
                fp.landlockRestricted(), fp.mounts(), fp.labels()), env.durationMillis(), env.cells());
        Path second = tmp.resolve("second.json");
        ResultsJson.write(ResultsFile.of("fsconform x", "2026-01-01T00:00:00Z", List.of(renamed)), second);
        // WHEN reported with the first "host"
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("report", recorded("host"), second.toString(),
                "--out", out().toString(), "--quiet");
        // THEN both are there under distinct names
        assertThat(run.code()).as("stderr: %s", run.err()).isZero();
        assertThat(ResultsJson.read(out().resolve("matrix.json")).environments()).extracting(EnvironmentResult::name)
                .containsExactly("host", "host@ci-runner-7/5.15.0");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingFileIsOneLineNamingItExitTwoAndNothingWritten() throws Exception {
        Path missing = tmp.resolve("nope.json");
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("report", recorded("host"), missing.toString(),
                "--out", out().toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("fsconform: " + missing + ": no such file");
        assertThat(written()).isEmpty();
    }

    @Test
    void notJsonWrongSchemaAndNewerVersionAreRefusedTheSameWay() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.json"), "not json at all");
        Path schema = Files.writeString(tmp.resolve("schema.json"), "{\"schema\":\"other\",\"schemaVersion\":1,\"environments\":[]}");
        Path newer = Files.writeString(tmp.resolve("newer.json"),
                "{\"schema\":\"fsconform-results\",\"schemaVersion\":4,\"environments\":[]}");
        Path empty = Files.writeString(tmp.resolve("empty.json"), "{\"schema\":\"fsconform-results\",\"schemaVersion\":1}");
        Path noOutcome = Files.writeString(tmp.resolve("no-outcome.json"), "{\"schema\":\"fsconform-results\",\"schemaVersion\":1,"
                + "\"environments\":[{\"name\":\"e\",\"status\":\"RAN\",\"cells\":"
                + "[{\"operation\":\"rename\",\"scenario\":\"file-same-dir\",\"status\":\"RAN\"}]}]}");
        for (Path bad : List.of(junk, schema, newer, empty, noOutcome)) {
            for (String command : List.of("report", "grade")) {
                ProbeCommandTest.Captured run = "report".equals(command)
                        ? ProbeCommandTest.Captured.run("report", recorded("host"), bad.toString(), "--out", out().toString())
                        : ProbeCommandTest.Captured.run("grade", recorded("host"), bad.toString());
                assertThat(run.code()).as(command + " " + bad).isEqualTo(2);
                assertThat(run.err().strip()).startsWith("fsconform: " + bad + ":").doesNotContain("\n")
                        .doesNotContain("Exception");
                assertThat(run.out()).as("nothing printed before the refusal").isEmpty();
                assertThat(written()).isEmpty();
            }
        }
    }

    @Test
    void gradeReadsGzipResultsAsReportDoesAndChecksExplainBeforePrinting() throws Exception {
        // WHEN grade reads a recorded, gzip-compressed results file
        ProbeCommandTest.Captured ok = ProbeCommandTest.Captured.run("grade", "--no-diagnosis", recorded("host"));
        // THEN it grades it
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("host").contains("expected");

        // AND a malformed --explain is refused before any summary is printed
        ProbeCommandTest.Captured bad = ProbeCommandTest.Captured.run("grade", "--explain", "bogus", recorded("host"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().strip()).startsWith("fsconform: --explain: a cell is OP:SCENARIO");
    }

    @Test
    void missingOutOptionIsAUsageError() throws Exception {
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("report", recorded("host"));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--out");
    }

    @Test
    void outThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("report", recorded("host"), "--out", file.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is not a directory");
    }

    @Test
    void outThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
        // GIVEN an --out under a read-only directory (root ignores modes, so use a path no one can create)
        Path blocked = Files.writeString(tmp.resolve("plain-file"), "x").resolve("out");

        // WHEN a report is asked for there
        ProbeCommandTest.Captured run = ProbeCommandTest.Captured.run("report", recorded("host"), "--out", blocked.toString());

        // THEN one line naming it, exit 2, and no stack trace
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("fsconform: --out " + blocked + " cannot be created").doesNotContain("\n")
                .doesNotContain("Exception:");
    }
}
