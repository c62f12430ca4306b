package dev.fsconform.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.report.Report;
import dev.fsconform.validate.ProbeJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Base class for a sandbox driver's own build: extend it, return your sandbox from {@link #sandbox()},
 * and JUnit runs the fsconform catalogue inside it: one test per cell the profile judges, named
 * {@code OPERATION × SCENARIO [DIR]}, reported as the sandbox's probe finishes it. A failing test says
 * the outcome, the expected set, the grade, the cause with its evidence and the fix; a cell that could
 * not run here is skipped with the reason. Afterwards {@code matrix.html} and {@code matrix.json} are
 * written to the spec's report directory.
 *
 * <pre>{@code
 * class MySandboxConformanceTest extends SandboxConformance {
 *     protected SandboxSpec sandbox() {
 *         return SandboxSpec.exec("mydriver exec --").withDirs("/workspace", "/tmp").expecting(Profile.AGENT_SANDBOX);
 *     }
 * }
 * }</pre>
 *
 * <p>Only this dependency is needed: the probe is assembled from the test class path (Maven, Gradle or
 * an IDE alike) and staged into the sandbox. Testcontainers is needed only for {@link SandboxSpec#image}
 * and {@link SandboxSpec#container}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class SandboxConformance {

    /** The sandbox under test. */
    protected abstract SandboxSpec sandbox();

    @TestFactory
    @DisplayName("fsconform")
    Stream<DynamicTest> fsconform() {
        SandboxSpec spec = sandbox();
        String problem = spec.problem();
        Declared declared = Declared.NONE;
        if (problem == null && spec.declared() != null) {
            try {
                declared = Declared.load(spec.declared());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            // A conformance test that judges nothing must not pass: say what is wrong instead.
            String why = problem;
            return Stream.of(DynamicTest.dynamicTest("fsconform", () -> Assertions.fail(why)));
        }
        // Assemble the probe here, not on the run's thread: a class path without it fails in one line.
        ProbeJar.locate();
        LiveRun run = LiveRun.start(spec.validator(), spec.dirs(), spec.timeLimit());
        DirectoryTests.Settings settings = new DirectoryTests.Settings(spec.profile(), CellFilter.of(spec.cells()), declared);
        Path out = spec.reportDir() != null ? spec.reportDir() : defaultReportDir();
        // One flat list: a cell's name carries its directory, and report XML joins container names into the test's.
        Iterator<DynamicTest> tests = new Iterator<>() {
            private final Iterator<String> dirs = spec.dirs().iterator();
            private Iterator<DynamicTest> current = Collections.emptyIterator();
            private boolean reported;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (dirs.hasNext()) {
                        current = new DirectoryTests(run, dirs.next(), settings);
                    } else if (!reported) {
                        reported = true;
                        current = report(run, out).iterator();
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public DynamicTest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(tests, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The page and JSON of the run, as `validate` writes them; a test only when they cannot be written. */
    private static List<DynamicTest> report(LiveRun run, Path out) {
        LiveRun.Done done = run.awaitDone();
        if (done == null || done.run() == null) {
            return List.of();
        }
        try {
            ResultsFile file = ResultsFile.of("fsconform " + SandboxConformance.class.getPackage().getImplementationVersion(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), done.run().sandboxed());
            Report.write(file, out);
            System.out.println("fsconform: " + out.resolve(Report.HTML) + " and " + Report.JSON);
            return List.of();
        } catch (RuntimeException e) {
            return List.of(DynamicTest.dynamicTest("fsconform report", () -> Assertions.fail("cannot write the page and JSON to "
                    + out + ": " + e.getMessage())));
        }
    }

    /** target/fsconform/CLASS under Maven, build/fsconform/CLASS under Gradle (the working directory is the project's). */
    private Path defaultReportDir() {
        boolean gradle = Files.exists(Path.of("build.gradle")) || Files.exists(Path.of("build.gradle.kts"));
        return Path.of(gradle ? "build" : "target", "fsconform", getClass().getSimpleName().isEmpty() ? "anonymous"
                : getClass().getSimpleName()).toAbsolutePath();
    }
}
