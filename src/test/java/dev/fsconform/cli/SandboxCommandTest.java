package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.sandbox.ChildJvm;
import dev.fsconform.sandbox.Landlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox command, always in a child JVM: on success it replaces its process, which must
 * never be the Surefire JVM.
 */
class SandboxCommandTest {
    @TempDir
    Path tmp;

    private ChildJvm.Result sandbox(String... args) {
        return ChildJvm.run(tmp, SandboxCommand.class.getName(), List.of(args));
    }

    @Test
    void unknownLandlockPolicyIsOneLineAndStatus2() {
        // GIVEN a policy name that does not exist  WHEN running the command
        ChildJvm.Result r = sandbox("--landlock", "strict", "--rw", tmp.toString(), "--", "true");
        // THEN status 2, one line naming the valid policies, no stack trace
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.stderr()).containsExactly(
                "sandbox: unknown Landlock policy 'strict' (valid: refer, no-refer, abi1, agent, agent-refer, best-effort)");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void syntaxErrorsAreOneLineAndStatus2() {
        assertThat(sandbox("--frobnicate", "--", "true")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr()).containsExactly("sandbox: Unknown option: '--frobnicate'");
        });
        assertThat(sandbox("--seccomp", "renameat2=EWHAT", "--", "true")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr()).hasSize(1).first().asString().startsWith("sandbox: unknown errno 'EWHAT'");
        });
        assertThat(sandbox("--landlock", "refer", "--rw", tmp.toString())).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr()).hasSize(1).first().asString().contains("no COMMAND given");
        });
        assertThat(sandbox("--landlock", "refer", "--rw", tmp.resolve("missing").toString(), "--", "true")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr()).containsExactly("sandbox: --rw " + tmp.resolve("missing") + " is not an existing directory");
        });
    }

    @Test
    void missingCommandIsStatus127LikeEnv() {
        ChildJvm.Result r = sandbox("--seccomp", "renameat2-enosys", "--", "fsconform-no-such-command");
        assertThat(r.exit()).as("%s", r).isEqualTo(127);
        assertThat(r.stderr()).hasSize(1).first().asString().startsWith("sandbox: fsconform-no-such-command: command not found");
    }

    @Test
    void theExecutedProbeRunsInsideTheSandboxUnaware() throws IOException {
        // GIVEN a writable tree and a probe JVM that applies nothing itself
        assumeTrue(Landlock.abi() >= 2, () -> "needs Landlock ABI 2: " + Landlock.unavailableReason().orElse("old ABI"));
        Path rw = Files.createDirectories(tmp.resolve("rw"));
        Path a = Files.createDirectories(rw.resolve("a"));
        Path b = Files.createDirectories(rw.resolve("b"));
        Path jtmp = Files.createDirectories(rw.resolve("jtmp")); // jffi unpacks its stub library here
        for (String f : List.of("f1", "f2", "f3")) {
            Files.createFile(a.resolve(f));
        }
        String same = "rename:" + a.resolve("f1") + ":" + a.resolve("g1");
        String cross = "rename:" + a.resolve("f2") + ":" + b.resolve("g2");
        String r2 = "renameat2:" + a.resolve("f3") + ":" + a.resolve("g3");
        List<String> command = new ArrayList<>(List.of("--landlock", "no-refer", "--rw", rw.toString(),
                "--seccomp", "renameat2-enosys", "--"));
        List<String> probe = ChildJvm.javaCommand("dev.fsconform.sandbox.SandboxProbeMain");
        probe.add(1, "-Djava.io.tmpdir=" + jtmp);
        command.addAll(probe);
        command.addAll(List.of(same, cross, r2, "state"));
        // WHEN the sandbox command execs it
        ChildJvm.Result r = sandbox(command.toArray(String[]::new));
        // THEN the probe sees Landlock's EXDEV and seccomp's ENOSYS, yet cannot tell it is landlocked
        assertThat(r.exit()).as("%s", r).isZero();
        Map<String, String> results = r.results();
        assertThat(results).containsEntry(same, "OK").containsEntry(cross, "EXDEV").containsEntry(r2, "ENOSYS");
        assertThat(results.get("state")).contains("seccomp=2", "filters=1", "nnp=true", "restricted=null");
    }
}
