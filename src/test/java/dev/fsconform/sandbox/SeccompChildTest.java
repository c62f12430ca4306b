package dev.fsconform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.sys.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seccomp presets on the real kernel, each installed in a child JVM (filters are irreversible). */
class SeccompChildTest {
    @TempDir
    Path tmp;
    Path a;
    Path b;

    @BeforeEach
    void layout() throws IOException {
        assumeTrue(Arch.current().isPresent(), "seccomp filters are built for x86_64 and aarch64 only");
        a = Files.createDirectories(tmp.resolve("a"));
        b = Files.createDirectories(tmp.resolve("b"));
        for (int i = 1; i <= 8; i++) {
            Files.createFile(a.resolve("f" + i));
        }
    }

    private String op(String syscall, int i) {
        return syscall + ":" + a.resolve("f" + i) + ":" + b.resolve("g" + i);
    }

    private Map<String, String> runUnder(String policy, String... ops) {
        List<String> args = new ArrayList<>(List.of("seccomp=" + policy));
        args.addAll(List.of(ops));
        ChildJvm.Result r = ChildJvm.run(tmp, SandboxProbeMain.class.getName(), args);
        assertThat(r.exit()).as("probe under %s failed:%n%s", policy, r).isZero();
        return r.results();
    }

    private static boolean x86() {
        return Arch.current().orElseThrow() == Arch.X86_64;
    }

    @Test
    void renameat2EnosysHidesRenameat2Only() {
        // GIVEN a filter answering renameat2 with ENOSYS, like an old-kernel sandbox
        // WHEN renameat2, rename(2) and renameat run, on the main and on a pre-existing thread
        Map<String, String> r = runUnder("renameat2-enosys", op("renameat2", 1), op("rename", 2),
                op("renameat", 3), "worker/" + op("renameat2", 4), "state", "worker/state");
        // THEN only renameat2 fails, on every thread (TSYNC), with no_new_privs set everywhere
        assertThat(r).containsEntry(op("renameat2", 1), "ENOSYS")
                .containsEntry(op("rename", 2), x86() ? "OK" : "NO_SUCH_SYSCALL")
                .containsEntry(op("renameat", 3), "OK")
                .containsEntry("worker/" + op("renameat2", 4), "ENOSYS");
        assertThat(r.get("state")).contains("seccomp=2", "filters=1", "nnp=true");
        assertThat(r.get("worker/state")).contains("seccomp=2", "filters=1", "nnp=true");
    }

    @Test
    void renameat2EpermBlocksRenameat2AndItsX32EntryPoint() {
        // GIVEN a filter answering renameat2 with EPERM
        // WHEN renameat2 runs natively and (x86_64) through the x32 syscall number
        List<String> ops = new ArrayList<>(List.of(op("renameat2", 1), op("renameat", 2)));
        if (x86()) {
            ops.add("x32-" + op("renameat2", 3));
        }
        Map<String, String> r = runUnder("renameat2-eperm", ops.toArray(String[]::new));
        // THEN both are EPERM (the x32 one would be ENOSYS or succeed if the filter missed it)
        assertThat(r).containsEntry(op("renameat2", 1), "EPERM").containsEntry(op("renameat", 2), "OK");
        if (x86()) {
            assertThat(r).containsEntry("x32-" + op("renameat2", 3), "EPERM");
        }
    }

    @Test
    void renameBlockedLeavesRenameat2Working() {
        // GIVEN a filter answering rename and renameat with EPERM
        // WHEN each rename syscall runs
        Map<String, String> r = runUnder("rename-eperm", op("rename", 1), op("renameat", 2), op("renameat2", 3));
        // THEN rename (x86_64 only: aarch64 has none) and renameat fail, renameat2 still renames
        assertThat(r).containsEntry(op("rename", 1), x86() ? "EPERM" : "NO_SUCH_SYSCALL")
                .containsEntry(op("renameat", 2), "EPERM")
                .containsEntry(op("renameat2", 3), "OK");
        assertThat(Files.exists(b.resolve("g3"))).isTrue();
        if (!x86()) {
            assertThat(r).containsKey("note");
        }
    }

    @Test
    void genericRulesInjectTheChosenErrnos() {
        // GIVEN a generic policy: renameat2=EXDEV,linkat=EACCES
        // WHEN renameat2, linkat and link run
        Map<String, String> r = runUnder("renameat2=EXDEV,linkat=EACCES", op("renameat2", 1), op("linkat", 2),
                op("link", 3));
        // THEN the filter answers exactly those two, and link(2) is untouched
        assertThat(r).containsEntry(op("renameat2", 1), "EXDEV")
                .containsEntry(op("linkat", 2), "EACCES")
                .containsEntry(op("link", 3), x86() ? "OK" : "NO_SUCH_SYSCALL");
    }
}
