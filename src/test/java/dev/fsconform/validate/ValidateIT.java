package dev.fsconform.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import dev.fsconform.verdict.Verdicts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `fsconform validate --exec` against sandboxes built here, run as the user runs it: the packaged jar. */
class ValidateIT {
    private static final String JAR = System.getProperty("fsconform.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    @Test
    void landlockWithoutReferBreaksTheUvCacheWriteAndExitsOne() throws Exception {
        Path ws = Files.createDirectory(tmp.resolve("ws"));

        Run r = validate("--exec", landlock("no-refer", ws), "--dir", ws.toString(), "--expect", "agent-sandbox");

        assertThat(r.code).as("exit code; stderr: %s", r.err).isEqualTo(1);
        assertThat(r.out).as("the real tools come first")
                .startsWith("Under this sandbox (sandbox:" + ws + "): mv works by copying, python-os-replace fails: rename EXDEV (landlock-refer).");
        assertThat(r.out).containsPattern("uv-cache-persist +EXDEV .*cause: landlock-refer")
                .contains("Profile agent-sandbox").contains("VIOLATED")
                .contains("grant LANDLOCK_ACCESS_FS_REFER");
        assertThat(tmp.resolve("out/matrix.html")).exists();
        ResultsFile results = ResultsJson.read(tmp.resolve("out/matrix.json"));
        assertThat(results.environments()).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("sandbox:" + ws));
    }

    @Test
    void landlockWithReferHonoursTheAgentProfile() throws Exception {
        Path ws = Files.createDirectory(tmp.resolve("ws"));

        Run r = validate("--exec", landlock("refer", ws), "--dir", ws.toString(), "--expect", "agent-sandbox");

        assertThat(r.code).as("exit code; out: %s; err: %s", r.out, r.err).isZero();
        assertThat(r.out).contains("Profile agent-sandbox").contains("honoured")
                .contains("Under this sandbox (sandbox:" + ws + "): mv and python-os-replace work.");
    }

    @Test
    void stagingAcrossTwoBindMountsOfOneDirectoryIsEXDEVJudgedApart() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "bind mounts need root");
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        String prefix = "unshare --mount --propagation private sh -c 'mount --bind " + a + " " + b + " && exec \"$0\" \"$@\"'";

        Run r = validate("--exec", prefix, "--dir", a.toString(), "--dir", b.toString(), "--expect", "agent-sandbox", "--baseline");

        assertThat(r.code).as("exit code; out: %s; err: %s", r.out, r.err).isZero();
        assertThat(r.out).containsPattern("staging-to-cas +EXDEV .*cause: mount-boundary .*judged apart")
                .containsPattern("Baseline diff .*cells:");
        assertThat(Verdicts.of(ResultsJson.read(tmp.resolve("out/matrix.json"))).get(0).causes())
                .anySatisfy(c -> assertThat(c.evidence()).anyMatch(e -> e.contains("bind mounts of one filesystem")));
        assertThat(b).isEmptyDirectory();
    }

    @Test
    void aPrefixThatDoesNotExistIsOneLineAndExitTwo() throws Exception {
        Run r = validate("--exec", "no-such-sandbox-tool --flag", "--dir", tmp.toString());

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).singleElement().asString().contains("--exec prefix cannot run");
    }

    @Test
    void aDirectoryTheProbeCannotWriteInsideTheSandboxIsNotTestedAndNeverPasses() throws Exception {
        // GIVEN a Landlock sandbox that makes only ws writable, and a second directory it keeps read-only
        Path ws = Files.createDirectory(tmp.resolve("ws"));
        Path other = Files.createDirectory(tmp.resolve("other"));

        // WHEN validate is asked to check both against the agent profile
        Run r = validate("--exec", landlock("refer", ws), "--dir", ws.toString(), "--dir", other.toString(),
                "--expect", "agent-sandbox");

        // THEN exit 2 and one line per directory not probed (ws too: it had the other as its second
        // directory); the profile is not called honoured
        assertThat(r.code).as("exit code; out: %s; err: %s", r.out, r.err).isEqualTo(2);
        assertThat(r.err.strip().lines()).hasSize(2).allMatch(l -> l.contains("not writable"))
                .anyMatch(l -> l.contains("the probe did not run in sandbox:" + other + ":"));
        assertThat(r.out).contains("NOT CHECKED").doesNotContain("honoured");
        assertThat(ResultsJson.read(tmp.resolve("out/matrix.json")).environments()).hasSize(2);
    }

    @Test
    void aSandboxWithoutJavaIsOneLineAndExitTwo() throws Exception {
        Run r = validate("--exec", "env -i", "--java", "/opt/no-java-here/bin/java", "--dir", tmp.toString());

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).singleElement().asString().contains("no usable Java inside the sandbox");
    }

    @Test
    void stagingCopiesAJavaRuntimeInAndRemovesItAfterwards() throws Exception {
        Path ws = Files.createDirectory(tmp.resolve("ws"));
        Path stage = Files.createDirectory(tmp.resolve("stage"));

        Run r = validate("--exec", "env -i", "--stage", stage.toString(), "--dir", ws.toString());

        assertThat(r.code).as("exit code; err: %s", r.err).isZero();
        assertThat(r.out).contains("sandbox:" + ws);
        assertThat(stage).isEmptyDirectory();
    }

    @Test
    void bwrapPresetsPrivateTmpIsAMountBoundaryUnderTheWorkspace() throws Exception {
        assumeTrue(onPath("bwrap"), "bubblewrap is not installed");
        // GIVEN a workspace outside /tmp (bwrap's /tmp is a fresh tmpfs, the host's /tmp is not seen)
        Path ws = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "preset-bwrap-");
        try {
            // WHEN the bwrap preset probes it and /tmp
            Run r = validate("--preset", "bwrap", "--dir", ws.toString(), "--dir", "/tmp", "--expect", "agent-sandbox");

            // THEN /tmp is a tmpfs of its own there: staging from one into the other is EXDEV for that reason,
            // judged apart as a two-directory pattern, so the profile holds
            assertThat(r.code).as("exit code; out: %s; err: %s", r.out, r.err).isZero();
            assertThat(r.out).containsPattern("staging-to-cas +EXDEV .*cause: mount-boundary .*judged apart").contains("/tmp on tmpfs");
            assertEveryCellGradedWithKnownCauses(r, 2);
        } finally {
            dev.fsconform.files.Trees.delete(ws);
        }
    }

    @Test
    void firejailPresetsDefaultProfilePutsATmpfsOnVarTmp() throws Exception {
        assumeTrue(onPath("firejail"), "firejail is not installed");
        Path ws = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "preset-firejail-");
        try {
            Run r = validate("--preset", "firejail", "--dir", ws.toString(), "--dir", "/var/tmp", "--expect", "agent-sandbox");

            assertThat(r.code).as("exit code; out: %s; err: %s", r.out, r.err).isZero();
            assertThat(r.out).containsPattern("staging-to-cas +EXDEV .*cause: mount-boundary .*judged apart").contains("/var/tmp on tmpfs");
            assertEveryCellGradedWithKnownCauses(r, 2);
            // the default profile's seccomp filter is on, and nothing but the mount boundary explains a cell
            assertThat(ResultsJson.read(tmp.resolve("out/matrix.json")).environments())
                    .allSatisfy(e -> assertThat(e.fingerprint().seccompMode()).isEqualTo(2));
        } finally {
            dev.fsconform.files.Trees.delete(ws);
        }
    }

    @Test
    void anUnknownPresetIsOneLineAndExitTwo() throws Exception {
        Run r = validate("--preset", "nsjail", "--dir", tmp.toString());

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).singleElement().asString().contains("unknown preset 'nsjail' (known: bwrap, firejail, crun)");
    }

    @Test
    void crunPresetWithoutAnImageIsOneLineAndExitTwo() throws Exception {
        Run r = validate("--preset", "crun", "--dir", "/tmp");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).singleElement().asString().contains("--preset crun is an OCI runtime: give the image with --podman");
    }

    @Test
    void aPrefixPresetWithAnotherTargetIsOneLineAndExitTwo() throws Exception {
        Run r = validate("--preset", "bwrap", "--exec", "env --", "--dir", "/tmp");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip().lines()).singleElement().asString().contains("--preset bwrap is a command prefix: it goes alone");
    }

    /**
     * What the acceptance asks of every sandbox: it ran in each directory, every judged cell has a grade,
     * no cause is unknown, and nothing escaped as an exception.
     */
    private void assertEveryCellGradedWithKnownCauses(Run r, int dirs) throws Exception {
        assertThat(r.err).as("stderr").doesNotContain("Exception").doesNotContain("\tat ");
        ResultsFile results = ResultsJson.read(tmp.resolve("out/matrix.json"));
        List<dev.fsconform.verdict.EnvironmentVerdict> verdicts = Verdicts.of(results);
        assertThat(verdicts).hasSize(dirs).allSatisfy(v -> {
            assertThat(v.env().status()).isEqualTo(dev.fsconform.result.EnvStatus.RAN);
            assertThat(v.cells()).isNotEmpty().filteredOn(c -> c.grade() != null).isNotEmpty().allSatisfy(c -> {
                assertThat(c.grade()).as("%s %s", c.observation().operation(), c.observation().scenario())
                        .isNotEqualTo(dev.fsconform.grade.Grade.UNKNOWN);
                assertThat(c.causes()).extracting(dev.fsconform.cause.Cause::id).doesNotContain(dev.fsconform.cause.Causes.UNKNOWN.id());
            });
        });
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d.isEmpty() ? "." : d, tool)));
    }

    private String landlock(String policy, Path rw) {
        return JAVA + " -jar " + JAR + " sandbox --landlock " + policy + " --rw " + rw + " --";
    }

    private Run validate(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR, "validate", "--out", tmp.resolve("out").toString()));
        cmd.addAll(List.of(args));
        if (!cmd.contains("--apps")) {
            // Two quick real tools instead of every job: one copies, one fails, when renames across directories do.
            cmd.addAll(List.of("--apps", "mv,python-os-replace"));
        }
        // From a working directory of its own, as a user runs it: nothing may depend on the checkout.
        Process p = new ProcessBuilder(cmd).directory(Files.createDirectories(tmp.resolve("cwd")).toFile())
                .redirectOutput(tmp.resolve("stdout").toFile())
                .redirectError(tmp.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("validate finished").isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8));
    }
}
