package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fsconform matrix` as a user starts it, through the launcher and through the jar, from the checkout and
 * from a folder whose own matrix/ holds decoy catalogues: the results are the same, so nothing is read
 * from the working directory.
 */
class WorkingDirectoryIT {
    private static final Path CHECKOUT = Path.of("").toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar")).toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void resultsDoNotDependOnWhereFsconformIsStarted() throws Exception {
        // GIVEN a folder elsewhere whose matrix/ renames what "plain" is and holds a kernel catalogue that is no catalogue
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path decoys = Files.createDirectories(elsewhere.resolve("matrix"));
        Files.writeString(decoys.resolve("environments.yaml"), Files.readString(CHECKOUT.resolve("matrix/environments.yaml"))
                .replaceFirst("(?m)^(  - name: plain\\n(?:    .*\\n)*?    description: ).*$", "$1decoy"));
        Files.writeString(decoys.resolve("kernels.yaml"), "kernels: not a list\n");
        Files.writeString(decoys.resolve("containers.yaml"), "environments: []\n");

        // WHEN the same matrix runs from the checkout and from there, by the launcher and by the jar
        Run home = run(CHECKOUT, "home", List.of(CHECKOUT.resolve("fsconform").toString()));
        Run launcher = run(elsewhere, "launcher", List.of(CHECKOUT.resolve("fsconform").toString()));
        Run jar = run(elsewhere, "jar", List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));

        // THEN all three read the same catalogues and measured the same cells
        for (Run r : List.of(home, launcher, jar)) {
            assertThat(r.code()).as(r.name() + ": " + r.err()).isZero();
        }
        assertThat(home.cells()).as("cells of plain").hasSizeGreaterThan(100);
        assertThat(launcher.catalogues()).isEqualTo(home.catalogues());
        assertThat(jar.catalogues()).isEqualTo(home.catalogues());
        assertThat(launcher.cells()).isEqualTo(home.cells());
        assertThat(jar.cells()).isEqualTo(home.cells());
        assertThat(home.description()).isNotEqualTo("decoy");
        assertThat(launcher.description()).isEqualTo(home.description());
    }

    private record Run(String name, int code, String err, String description, List<String> cells) {
        /** The line that names the catalogues the run read. */
        String catalogues() {
            return err.lines().filter(l -> l.contains("environment(s) from")).findFirst().orElse("no catalogue line in: " + err);
        }
    }

    private Run run(Path dir, String name, List<String> command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out-" + name);
        Path err = tmp.resolve(name + ".err");
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of("matrix", "--only", "plain", "--no-docker", "--kernels", "none", "--apps", "none", "--jobs", "1",
                "--out", out.toString(), "--work-dir", Files.createDirectories(tmp.resolve("work-" + name)).toString()));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(name + ": matrix did not finish within 5 minutes");
        }
        String stderr = Files.readString(err);
        if (p.exitValue() != 0) {
            return new Run(name, p.exitValue(), stderr, "", List.of());
        }
        EnvironmentResult plain = ResultsJson.read(out.resolve("matrix.json")).environments().get(0);
        List<String> cells = plain.cells().stream().map(WorkingDirectoryIT::cell).toList();
        return new Run(name, 0, stderr, plain.description(), cells);
    }

    /** What a cell measured, without its timing. */
    private static String cell(Observation o) {
        return String.join(" ", o.operation(), o.scenario(), String.valueOf(o.status()), String.valueOf(o.outcome()),
                String.valueOf(o.errnoName()), o.where() == null ? "-" : o.where().boundary().toString());
    }
}
