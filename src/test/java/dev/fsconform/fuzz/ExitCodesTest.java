package dev.fsconform.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command, given input it cannot use — missing, of the wrong kind, unreadable, an output place it
 * cannot write, before or after the work — says so in one line on stderr and exits 2, never with a stack
 * trace and never 1 (which is a result: validate's "profile violated", matrix's "an environment failed").
 */
class ExitCodesTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> badInputs() throws IOException {
        Path valid = Files.write(tmp.resolve("valid.json"), Corpus.results().get(0));
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path missing = tmp.resolve("missing");
        // An output directory whose page is a directory: the refusal comes after grading, when writing.
        Path pageTaken = Files.createDirectories(tmp.resolve("page-taken/matrix.html")).getParent();
        String proc = "/proc/fsconform-cannot-create";
        return Stream.of(
                line("no command"),
                line("unknown command", "frobnicate"),
                line("grade: missing file", "grade", missing.toString()),
                line("grade: a directory", "grade", tmp.toString()),
                line("grade: empty", "grade", "/dev/null"),
                line("grade: --explain not OP:SCENARIO", "grade", valid.toString(), "--explain", "nocolon"),
                line("report: output cannot be created", "report", valid.toString(), "--out", proc),
                line("report: output is a file", "report", valid.toString(), "--out", file.toString()),
                line("report: page cannot be written", "report", valid.toString(), "--out", pageTaken.toString()),
                line("report: no input", "report", "--out", tmp.resolve("o").toString()),
                line("probe: missing directory", "probe", missing.toString()),
                line("probe: a file", "probe", file.toString()),
                line("probe: --second missing", "probe", tmp.toString(), "--second", missing.toString()),
                line("probe: --json cannot be written", "probe", tmp.toString(), "--json", proc + "/x.json"),
                line("probe: --seeds missing", "probe", tmp.toString(), "--seeds", missing.toString()),
                line("probe: bad label", "probe", tmp.toString(), "--label", "novalue"),
                line("probe: --jobs 0", "probe", tmp.toString(), "--jobs", "0"),
                line("probe: --jobs not a number", "probe", tmp.toString(), "--jobs", "two"),
                line("seed: not writable", "seed", proc),
                line("seed: a file", "seed", file.toString()),
                line("matrix: missing catalogue", "matrix", "--environments", missing.toString()),
                line("matrix: --out cannot be created", "matrix", "--no-docker", "--only", "plain", "--out", proc),
                line("matrix: --work-dir missing", "matrix", "--no-docker", "--only", "plain", "--out",
                        tmp.resolve("m").toString(), "--work-dir", missing.toString()),
                line("matrix: --jobs 0", "matrix", "--no-docker", "--only", "plain", "--jobs", "0", "--out", tmp.resolve("m").toString()),
                line("matrix: --only matches nothing", "matrix", "--no-docker", "--only", "no-such-env", "--out", tmp.resolve("m").toString()),
                line("validate: unknown profile", "validate", "--exec", "env", "--dir", tmp.toString(), "--expect", "no-such-profile"),
                line("validate: no sandbox", "validate", "--dir", tmp.toString()),
                line("validate: --out cannot be created", "validate", "--exec", "env", "--dir", tmp.toString(), "--out", proc),
                line("sandbox: no command", "sandbox"),
                line("sandbox: bad policy", "sandbox", "--landlock", "no-such-policy", "--", "true"),
                line("sandbox: --rw missing", "sandbox", "--landlock", "no-refer", "--rw", missing.toString(), "--", "true"));
    }

    private static Arguments line(String what, String... args) {
        return Arguments.argumentSet(what, List.of(args));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void isOneLineAndExitTwo(List<String> args) {
        assertThat(Readers.cli(args)).as("fsconform %s", String.join(" ", args)).isEqualTo(Readers.Verdict.REFUSED);
    }
}
