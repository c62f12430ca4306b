package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.fsconform.cause.Causes;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host lab, run once from the built jar as root, and what the kernel must have done in it: one test
 * per cell that a {@link KernelRules} rule covers, named {@code operation × scenario @ environment}.
 */
class HostLabIT {
    private static final EnvironmentCatalog CATALOG = EnvironmentCatalog.standard();

    @BeforeAll
    static void needsRoot() throws Exception {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElse("?");
        assumeTrue("0".equals(uid), "the host lab mounts filesystems and needs root (uid is " + uid + ")");
    }

    @Test
    void everyEnvironmentRanOrWasSkippedForAReason() throws Exception {
        HostLabRun run = HostLabRun.get();
        assertThat(run.environments()).extracting(EnvironmentResult::name).containsExactlyElementsOf(CATALOG.names());
        SoftAssertions soft = new SoftAssertions();
        for (EnvironmentResult r : run.environments()) {
            soft.assertThat(r.status()).as("%s: %s", r.name(), r.reason()).isIn(EnvStatus.RAN, EnvStatus.SKIPPED);
            soft.assertThat(r.phases()).as("%s phase timings", r.name()).isNotNull();
            if (r.status() == EnvStatus.RAN) {
                soft.assertThat(r.cells()).as("%s cells", r.name()).isNotEmpty().noneMatch(o -> o.status() == dev.fsconform.result.CellStatus.SETUP_ERROR);
                soft.assertThat(r.fingerprint().labels()).as("%s labels", r.name()).containsKeys("group", "backend");
            } else {
                soft.assertThat(r.reason()).as("%s reason", r.name()).isNotBlank();
            }
        }
        soft.assertAll();
        assertThat(run.exitCode).as(run.log).isZero();
    }

    @Test
    void optionsTheKernelRefusesAreSkippedWithTheKernelsWords() throws Exception {
        EnvironmentResult r = byName(HostLabRun.get(), "overlay-metacopy-redirect-off");
        assertThat(r.status()).isEqualTo(EnvStatus.SKIPPED);
        assertThat(r.reason()).contains("the kernel refuses overlay options").contains("EINVAL");
    }

    @Test
    void theResultsFileMatchesTheSchema() throws Exception {
        HostLabRun.get();
        Schema schema;
        try (InputStream in = HostLabIT.class.getResourceAsStream("/dev/fsconform/result/results-v3.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        assertThat(schema.validate(Files.readString(HostLabRun.OUT.resolve("matrix.json")), InputFormat.JSON)).isEmpty();
    }

    @Test
    void everyFindingAndEveryExdevIsExplainedByARule() throws Exception {
        // GIVEN every host environment that ran
        SoftAssertions soft = new SoftAssertions();
        for (EnvironmentResult r : HostLabRun.get().environments()) {
            if (r.status() != EnvStatus.RAN) {
                continue;
            }
            // WHEN it is graded THEN no cell's cause is "unknown": the lab only builds mechanisms a rule knows
            EnvironmentVerdict v = Verdicts.of(r);
            soft.assertThat(v.cells()).as("cells of %s attributed to 'unknown'", r.name())
                    .filteredOn(c -> c.causes().stream().anyMatch(k -> k.id().equals(Causes.UNKNOWN.id())))
                    .extracting(c -> c.observation().operation() + " × " + c.observation().scenario())
                    .isEmpty();
        }
        soft.assertAll();
    }

    @Test
    void nothingIsLeftBehind() throws Exception {
        HostLabRun run = HostLabRun.get();
        String marker = RunDir.PREFIX + run.matrixPid + "-";
        // The kernel detaches a loop device after its last user lets go, and a namespace ends after its
        // last process: both can trail the run's exit for a moment.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((LoopDevices.attached().stream().anyMatch(l -> l.backingFile().toString().contains(marker))
                || !mountNamespacesShowing(marker).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(LoopDevices.attached()).noneMatch(l -> l.backingFile().toString().contains(marker));
        // Every mount namespace on the machine, not only this JVM's: one that outlived its run would show here.
        assertThat(mountNamespacesShowing(marker)).isEmpty();
        try (Stream<Path> tmp = Files.list(Path.of("/var/tmp")); Stream<Path> shm = Files.list(Path.of("/dev/shm"))) {
            assertThat(Stream.concat(tmp, shm)).noneMatch(p -> p.getFileName().toString().startsWith(marker));
        }
        // firejail's environment stages the probe under /srv, which its default profile leaves visible.
        if (Files.isDirectory(Path.of("/srv"))) {
            try (Stream<Path> srv = Files.list(Path.of("/srv"))) {
                assertThat(srv).noneMatch(p -> p.getFileName().toString().startsWith(marker));
            }
        }
        assertThat(run.workLeft).as("entries of --work-dir after the run").containsExactlyInAnyOrder("canary", "canary-ro");
    }

    /**
     * GIVEN a canary tree beside the run directory and one bound read-only into --work-dir WHEN the whole
     * host lab ran (EXCHANGE and WHITEOUT cells included) THEN both are byte for byte as planted: content,
     * mode, owner, times, inode numbers, link counts, xattrs; and the read-only bind is still there.
     */
    @Test
    void theProbeNeverWritesOutsideItsScratchDirectory() throws Exception {
        HostLabRun run = HostLabRun.get();
        assertThat(run.results.environments()).flatExtracting(EnvironmentResult::cells).filteredOn(Observation::ran)
                .extracting(Observation::operation).contains("renameat2-exchange", "renameat2-whiteout");
        assertThat(dev.fsconform.testsupport.Canary.diff(run.canaryBefore, run.canaryAfter)).as("canary beside the run directory").isEmpty();
        assertThat(dev.fsconform.testsupport.Canary.diff(run.canaryRoBefore, run.canaryRoAfter)).as("canary bound read-only").isEmpty();
        assertThat(run.canaryBefore).hasSizeGreaterThan(30);
        assertThat(run.canaryRoMount).as("the read-only bind after the run").startsWith("ro");
    }

    /** Processes whose mount table names {@code marker}; processes that exit while we look are skipped. */
    private static List<String> mountNamespacesShowing(String marker) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(proc.resolve("mountinfo")).contains(marker)) {
                        out.add("pid " + proc.getFileName());
                    }
                } catch (java.io.IOException gone) {
                    // The process exited between listing and reading.
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("cells")
    void kernelBehaviour(LabCell cell, List<KernelRules.Rule> rules, String notRun) {
        assumeTrue(notRun == null, notRun);
        KernelRules.assertHolds(cell, rules);
    }

    static Stream<Arguments> cells() throws Exception {
        HostLabRun run = HostLabRun.get();
        List<Arguments> out = new ArrayList<>();
        for (Environment env : CATALOG.environments()) {
            List<KernelRules.Rule> rules = KernelRules.ALL.stream().filter(r -> r.environments().test(env.labels())).toList();
            if (rules.isEmpty()) {
                continue;
            }
            EnvironmentResult r = byName(run, env.name());
            if (r.status() != EnvStatus.RAN) {
                String names = rules.stream().map(KernelRules.Rule::name).collect(Collectors.joining(", "));
                out.add(Arguments.argumentSet(names + " @ " + env.name() + " (" + r.status() + ")", null, rules,
                        env.name() + " did not run: " + r.reason()));
                continue;
            }
            for (Observation o : r.cells()) {
                LabCell c = new LabCell(r, o);
                List<KernelRules.Rule> applicable = rules.stream().filter(rule -> rule.expected().apply(c) != null).toList();
                if (!applicable.isEmpty()) {
                    // A covered cell that did not run is reported as skipped with its reason, never dropped.
                    out.add(Arguments.argumentSet(c.toString(), c, applicable,
                            o.ran() ? null : o.status() + ": " + o.reason()));
                }
            }
        }
        return out.stream();
    }

    private static EnvironmentResult byName(HostLabRun run, String name) {
        Map<String, EnvironmentResult> byName = run.environments().stream()
                .collect(Collectors.toMap(EnvironmentResult::name, Function.identity()));
        return Objects.requireNonNull(byName.get(name), name + " missing from the results");
    }
}
