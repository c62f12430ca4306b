package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel axis from the built jar: `fsconform matrix --kernels K` boots each kernel of
 * -Dfsconform.kernels (default {@code ci}: the oldest and the newest; {@code all} for the four) and
 * runs its core set inside. One test per kernel row and one per cell a {@link KernelRules} rule
 * covers, named {@code operation × scenario @ env@kernel-K}, so a report reads per kernel.
 */
class KernelMatrixIT {
    private static final Path OUT = Path.of("target", "kernels-it");
    private static final KernelCatalog KERNELS = KernelCatalog.standard();
    private static final EnvironmentCatalog ENVS = EnvironmentCatalog.standard();
    /**
     * Which rows: by default a CI subset of the core set (a tmpfs, an overlay and the two Landlock
     * rulesets whose behaviour moves with the kernel), since each environment costs about a minute
     * under emulation; -Dfsconform.kernels.only='*@kernel-*' runs the whole core set.
     */
    private static final String ONLY = System.getProperty("fsconform.kernels.only",
            "tmpfs@kernel-*,overlay-default@kernel-*,landlock-best-effort@kernel-*,landlock-abi1@kernel-*");
    private static Run run;

    record Run(ResultsFile results, int exitCode, String log) {
    }

    static synchronized Run run() throws IOException, InterruptedException {
        if (run == null) {
            String spec = System.getProperty("fsconform.kernels", "ci");
            String jar = System.getProperty("fsconform.jar", "target/fsconform.jar");
            String java = ProcessHandle.current().info().command().orElse("java");
            Files.createDirectories(OUT);
            Path log = OUT.resolve("matrix.log");
            // As many guests at once as the build asks for (-Dfsconform.kernels.jobs): CI boots its two together.
            String jobs = System.getProperty(KernelLab.JOBS_PROPERTY, "").strip();
            List<String> argv = new ArrayList<>(List.of(java));
            if (!jobs.isEmpty()) {
                argv.add("-D" + KernelLab.JOBS_PROPERTY + "=" + jobs);
            }
            argv.addAll(List.of("-jar", jar, "matrix", "--no-docker", "--kernels", spec, "--only", ONLY, "--out", OUT.toString()));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(40, TimeUnit.MINUTES)) {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new IllegalStateException("the kernel matrix did not finish in 40 minutes; see " + log);
            }
            Path json = OUT.resolve("matrix.json");
            if (!Files.exists(json)) {
                throw new IllegalStateException("fsconform matrix exited " + p.exitValue() + " without results:\n" + Files.readString(log));
            }
            run = new Run(ResultsJson.read(json), p.exitValue(), Files.readString(log));
        }
        return run;
    }

    /** Whether this machine and build can boot guests: root, and not switched off by -Dfsconform.kernels=none. */
    private static boolean root() {
        assumeTrue(!"none".equals(System.getProperty("fsconform.kernels", "ci")), "-Dfsconform.kernels=none");
        return "root".equals(System.getProperty("user.name"));
    }

    static Stream<Arguments> rows() throws Exception {
        assumeTrue(root(), "booting kernel guests with the host's root shared needs root here");
        return run().results().environments().stream().map(r -> Arguments.argumentSet(r.name() + " (" + r.status() + ")", r));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("rows")
    void eachKernelRowRanOrSaysWhyNot(EnvironmentResult r) throws Exception {
        assertThat(r.status()).as("%s: %s", r.name(), r.reason()).isIn(EnvStatus.RAN, EnvStatus.SKIPPED);
        if (r.status() == EnvStatus.SKIPPED) {
            assertThat(r.reason()).as(r.name()).isNotBlank();
            return;
        }
        assertThat(r.cells()).as(r.name()).isNotEmpty();
        String axis = r.name().substring(r.name().indexOf('@') + 1);
        assertThat(r.fingerprint().labels()).as("%s: the guest kernel's facts", r.name())
                .containsEntry("kernel.axis", axis).containsKeys("kernel.release", "kernel.lsm", "kernel.filesystems", "kernel.accel");
        assertThat(r.fingerprint().kernel()).as("%s ran on the guest's kernel, not the host's", r.name())
                .isEqualTo(r.fingerprint().labels().get("kernel.release")).isNotEqualTo(System.getProperty("os.version"));
        EnvironmentVerdict v = Verdicts.of(ResultsFile.of("t", "t", List.of(r))).get(0);
        assertThat(v.counts().get(Grade.UNKNOWN)).as("%s: UNKNOWN grades", r.name()).isZero();
        assertThat(v.causes()).extracting(Cause::id).as("%s: causes", r.name()).doesNotContain(Causes.UNKNOWN.id());
        assertThat(v.cells()).flatExtracting(g -> g.causes()).extracting(Cause::id).as("%s: causes of cells", r.name())
                .doesNotContain(Causes.UNKNOWN.id());
    }

    @Test
    void everyChosenKernelHasItsCoreSetAndLandlockIsSkippedWhereTheKernelHasNone() throws Exception {
        assumeTrue(root(), "needs root");
        Run r = run();
        List<String> chosen = KernelLab.select(KERNELS, System.getProperty("fsconform.kernels", "ci"));
        assertThat(r.results().environments()).extracting(EnvironmentResult::name)
                .containsExactlyElementsOf(KernelLab.rowNames(KERNELS, ENVS, chosen, ONLY));
        r.results().environments().stream().filter(e -> e.name().startsWith("landlock-"))
                .filter(e -> e.status() == EnvStatus.SKIPPED).forEach(e ->
                        assertThat(e.reason()).as(e.name()).contains("the kernel offers no Landlock"));
        if (chosen.contains("5.10")) {
            assertThat(r.results().environments()).filteredOn(e -> e.name().equals("landlock-best-effort@kernel-5.10"))
                    .extracting(EnvironmentResult::status).containsExactly(EnvStatus.SKIPPED);
        }
        assertThat(r.exitCode()).as(r.log()).isZero();
        for (String k : chosen) {
            Path console = OUT.resolve("kernels").resolve("kernel-" + k).resolve("console.log");
            assertThat(console).as("kernel %s's console log is kept", k).exists();
            assertThat(Files.readString(console)).contains("fsconform-guest: poweroff");
        }
    }

    @Test
    void aSecondRunFindsEveryImageInTheCacheAndBuildsNothing() throws Exception {
        assumeTrue(root(), "needs root");
        run();
        Path work = Files.createTempDirectory("fsconform-kernels-it-");
        try {
            KernelImages images = KernelImages.open(work, new Children());
            for (String name : KernelLab.select(KERNELS, System.getProperty("fsconform.kernels", "ci"))) {
                Kernel k = KERNELS.kernels().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                List<String> phases = new ArrayList<>();
                KernelImage image = images.ensure(k, work, phases::add);
                assertThat(image.how()).as(name).startsWith("cached");
                assertThat(phases).as(name).noneMatch(p -> p.startsWith("downloading"));
            }
        } finally {
            RunDir.deleteTree(work);
        }
    }

    static Stream<Arguments> cells() throws Exception {
        assumeTrue(root(), "needs root");
        List<Arguments> out = new ArrayList<>();
        for (EnvironmentResult r : run().results().environments()) {
            if (r.status() != EnvStatus.RAN) {
                continue;
            }
            List<KernelRules.Rule> rules = KernelRules.ALL.stream()
                    .filter(rule -> rule.environments().test(LabCell.described(r))).toList();
            for (Observation o : r.cells()) {
                LabCell c = new LabCell(r, o);
                List<KernelRules.Rule> applicable = rules.stream().filter(rule -> rule.expected().apply(c) != null).toList();
                if (!applicable.isEmpty()) {
                    out.add(Arguments.argumentSet(c.toString(), c, applicable, o.ran() ? null : o.status() + ": " + o.reason()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("cells")
    void kernelBehaviour(LabCell cell, List<KernelRules.Rule> rules, String notRun) {
        assumeTrue(notRun == null, notRun);
        KernelRules.assertHolds(cell, rules);
    }
}
