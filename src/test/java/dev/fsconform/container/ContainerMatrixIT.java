package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.app.AppJobs;
import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.grade.Grader;
import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.result.CellKey;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The container matrix under `mvn verify`: every environment of matrix/containers.yaml runs once, then
 * each environment × operation × scenario is a test. Without a Docker engine every test is skipped with
 * the reason; an environment that fails to set up fails its tests. -Dfsconform.containers.only=GLOBS
 * narrows the run, as `matrix --only` does.
 */
class ContainerMatrixIT {
    /** One cell to check: which environment, which operation (or "pattern") and scenario. */
    record Cell(String env, String operation, String scenario) {
    }

    private static Map<String, EnvironmentResult> results;

    static synchronized Map<String, EnvironmentResult> results() {
        if (results == null) {
            Path out = Path.of("target", "fsconform-containers");
            ContainerMatrix.Report r = ContainerMatrix.run(ContainerCatalog.standard(), new ContainerMatrix.Options(
                    Path.of(System.getProperty("fsconform.jar", "target/fsconform.jar")), only(), 2,
                    Path.of(System.getProperty("java.io.tmpdir")), null, line -> System.out.println("containers: " + line), null));
            System.out.println("containers: " + r.engine());
            ResultsJson.write(ResultsFile.of("fsconform ContainerMatrixIT", Instant.now().toString(), r.results()),
                    out.resolve("matrix.json"));
            results = r.results().stream().collect(Collectors.toMap(EnvironmentResult::name, Function.identity()));
        }
        return results;
    }

    /**
     * -Dfsconform.containers.only, else the CI set: every environment on its default engine, and on the
     * newer inner-engine generations the rootfs of each storage driver (-Dfsconform.containers.only='*'
     * runs every mount on every generation).
     */
    private static String only() {
        String only = System.getProperty("fsconform.containers.only", "");
        if (!only.isBlank()) {
            return only;
        }
        return String.join(",", ContainerCatalog.standard().names().stream().filter(n -> !n.contains("@") || n.contains("-rootfs@"))
                .toList());
    }

    @org.junit.jupiter.api.Test
    void podmanLeavesNoConmonBehind() {
        // GIVEN the matrix ran (podman environments among them, unless narrowed away)
        results();
        assumeTrue(ContainerCatalog.standard().selectNames(only()).stream().anyMatch(n -> n.startsWith("podman-")),
                "no podman environment selected");

        // WHEN we look for podman's processes of this JVM's services (their run root names our pid)
        String ours = "/run/fsconform-podman/" + ProcessHandle.current().pid() + "-";
        List<String> left = ProcessHandle.allProcesses().map(ph -> ph.info().commandLine().orElse(""))
                .filter(c -> c.contains(ours)).toList();

        // THEN none is left: no service, no conmon (which podman otherwise keeps for 300 s after an exec)
        assertThat(left).as("podman processes of this run still alive").isEmpty();
    }

    /**
     * The jobs whose tools the probe-apps image carries run there for real: a SKIPPED cell would mean
     * the image lost a tool, which no SKIPPED-tolerant cell test notices. pnpm is in the image when the
     * machine that built it has one; without it the cell must say so.
     */
    @org.junit.jupiter.api.Test
    void appContainersCarryTheirTools() {
        List<ContainerEnv> withApps = ContainerCatalog.standard().select(only()).stream().filter(e -> e.apps() != null).toList();
        assumeTrue(!withApps.isEmpty(), "no environment with apps selected");
        Optional<Path> pnpm = hostPnpm();
        List<String> carried = new ArrayList<>(IMAGE_TOOLS);
        pnpm.ifPresent(p -> carried.add("pnpm"));
        for (ContainerEnv e : withApps) {
            EnvironmentResult env = results().get(e.name());
            if (env.status() == EnvStatus.SKIPPED) {
                continue;
            }
            Map<String, Observation> apps = env.cells().stream().filter(o -> o.operation().equals(CellKey.APP))
                    .collect(Collectors.toMap(Observation::scenario, Function.identity()));
            List<String> notRun = carried.stream().filter(id -> apps.get(id) == null || apps.get(id).status() != CellStatus.RAN)
                    .map(id -> id + ": " + (apps.get(id) == null ? "no cell" : apps.get(id).status() + ", " + apps.get(id).reason())).toList();
            assertThat(notRun).as("app cells in %s whose tools build-images.sh puts into the probe-apps image (pnpm: %s), yet did not run",
                    e.name(), pnpm.map(p -> "this machine's " + p).orElse("none here")).isEmpty();
            if (pnpm.isEmpty() && apps.containsKey("pnpm")) {
                assertThat(apps.get("pnpm").reason()).as("pnpm in %s: this machine has no pnpm, so the image has none (%s)", e.name(),
                        apps.get("pnpm").status()).contains("pnpm is not installed");
            }
        }
    }

    /** The jobs whose programs build-images.sh's APPS_PACKAGES and APPS_APT install. */
    private static final List<String> IMAGE_TOOLS = List.of("git", "npm", "pip-wheel", "pip-install", "ccache", "mv", "cp-reflink",
            "install", "tar-extract", "rsync", "rsync-inplace", "python-shutil-move", "python-os-replace", "sqlite3-wal");

    /** The pnpm build-images.sh copies into the image: the package in npm's global root, if any. */
    private static Optional<Path> hostPnpm() {
        try {
            Process p = new ProcessBuilder("npm", "root", "-g").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String root = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            Path pnpm = Path.of(root, "pnpm");
            return p.waitFor() == 0 && !root.isEmpty() && Files.isRegularFile(pnpm.resolve("package.json"))
                    && Files.isRegularFile(pnpm.resolve("bin/pnpm.cjs")) ? Optional.of(pnpm) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Stream<Named<Cell>> cells() {
        List<Named<Cell>> out = new ArrayList<>();
        for (ContainerEnv e : ContainerCatalog.standard().select(only())) {
            if (e.apps() != null) {
                AppJobs.select(e.apps()).forEach(j -> out.add(named(new Cell(e.name(), CellKey.APP, j.id()))));
            }
        }
        for (String env : ContainerCatalog.standard().selectNames(only())) {
            for (Scenario s : Catalogue.scenarios()) {
                for (Operation op : Operation.values()) {
                    // Linux never hard-links a directory: those cells say nothing and are not tests.
                    if (!(op.linksOnly() && s.source().directory())) {
                        out.add(named(new Cell(env, op.id(), s.id())));
                    }
                }
            }
            for (Pattern p : Pattern.values()) {
                out.add(named(new Cell(env, "pattern", p.id())));
            }
        }
        results();
        return out.stream();
    }

    private static Named<Cell> named(Cell c) {
        return Named.of(c.operation() + " × " + c.scenario() + " @ " + c.env(), c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void cell(Cell c) {
        // GIVEN the environment's run
        EnvironmentResult env = results().get(c.env());
        if (env.status() == EnvStatus.SKIPPED) {
            abort(env.reason());
        }
        assertThat(env.status()).as("%s: %s", c.env(), env.reason()).isEqualTo(EnvStatus.RAN);

        // WHEN we look up the cell
        Optional<Observation> cell = env.cells().stream()
                .filter(o -> o.operation().equals(c.operation()) && o.scenario().equals(c.scenario())).findFirst();
        if (cell.isEmpty()) {
            fail("the probe reported no cell " + c.operation() + " × " + c.scenario());
        }
        Observation o = cell.get();
        if (o.status() == CellStatus.SKIPPED || o.status() == CellStatus.NOT_APPLICABLE) {
            abort(o.status() + ": " + o.reason());
        }

        // THEN it ran, answered what the environment makes certain, and nothing injected errors
        assertThat(o.status()).as("harness: %s", o.reason()).isEqualTo(CellStatus.RAN);
        ContainerFacts.of(env, o).ifPresent(f -> assertThat(o.outcome()).as("%s (%s)", f.why(), o.detail()).isIn(f.outcomes()));
        if (ContainerFacts.INJECTED.contains(o.outcome())) {
            assertThat(ContainerFacts.mayInject(env, o)).as("%s: only the renameat2-blocking profile injects errors (%s)",
                    o.outcome(), o.detail()).isTrue();
        }

        // AND the expectation table grades it, and a rule names the cause of whatever needs one
        GradedCell g = Grader.standard().grade(env, o);
        assertThat(g.grade()).as(g.rationale()).isNotEqualTo(Grade.UNKNOWN);
        assertThat(g.causes()).extracting(Cause::id).as("causes, with evidence %s", g.causes()).doesNotContain(Causes.UNKNOWN.id());
    }
}
