package dev.fsconform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Landlock presets on the real kernel, each applied in a child JVM (restrictions are irreversible). */
class LandlockChildTest {
    private static final int RENAME_NOREPLACE = 1;

    @TempDir
    Path tmp;
    Path rw;
    Path a;
    Path b;
    Path ro;

    @BeforeEach
    void layout() throws IOException {
        rw = Files.createDirectories(tmp.resolve("rw"));
        a = Files.createDirectories(rw.resolve("a"));
        b = Files.createDirectories(rw.resolve("b"));
        ro = Files.createDirectories(tmp.resolve("ro"));
        for (int i = 1; i <= 8; i++) {
            Files.createFile(a.resolve("f" + i));
        }
    }

    private static void assumeLandlock(int minAbi) {
        int abi = Landlock.abi();
        assumeTrue(abi >= minAbi, () -> "needs Landlock ABI " + minAbi + ", have " + abi + ": "
                + Landlock.unavailableReason().orElse("ABI too old"));
    }

    /** The same operations for every preset: same-dir, cross-dir (all syscalls) and into a read-only dir. */
    private Map<String, String> runUnder(String policy) {
        List<String> args = new ArrayList<>(List.of("landlock=" + policy, "rw=" + rw));
        args.addAll(ops());
        ChildJvm.Result r = ChildJvm.run(tmp, SandboxProbeMain.class.getName(), args);
        assertThat(r.exit()).as("probe under %s failed:%n%s", policy, r).isZero();
        return r.results();
    }

    private List<String> ops() {
        return List.of(op("rename", a.resolve("f1"), a.resolve("g1")),
                op("rename", a.resolve("f2"), b.resolve("g2")),
                op("renameat", a.resolve("f3"), b.resolve("g3")),
                op("renameat2", a.resolve("f4"), b.resolve("g4")) + ":" + RENAME_NOREPLACE,
                op("link", a.resolve("f5"), b.resolve("l5")),
                op("link", a.resolve("f5"), a.resolve("m5")),
                op("rename", a.resolve("f6"), ro.resolve("g6")),
                "worker/" + op("rename", a.resolve("f7"), b.resolve("g7")));
    }

    private static String op(String syscall, Path from, Path to) {
        return syscall + ":" + from + ":" + to;
    }

    private String sameDir() {
        return op("rename", a.resolve("f1"), a.resolve("g1"));
    }

    @Test
    void referDeniedGivesExdevAcrossDirectoriesOnly() {
        // GIVEN a ruleset that handles REFER but grants it nowhere
        assumeLandlock(2);
        // WHEN the probe renames and links within the writable tree
        Map<String, String> r = runUnder("no-refer");
        // THEN every change of parent directory is EXDEV, same-directory works, EACCES prevails
        assertThat(r).containsEntry(sameDir(), "OK")
                .containsEntry(op("rename", a.resolve("f2"), b.resolve("g2")), "EXDEV")
                .containsEntry(op("renameat", a.resolve("f3"), b.resolve("g3")), "EXDEV")
                .containsEntry(op("renameat2", a.resolve("f4"), b.resolve("g4")) + ":1", "EXDEV")
                .containsEntry(op("link", a.resolve("f5"), b.resolve("l5")), "EXDEV")
                .containsEntry(op("link", a.resolve("f5"), a.resolve("m5")), "OK")
                .containsEntry(op("rename", a.resolve("f6"), ro.resolve("g6")), "EACCES");
    }

    @Test
    void landlockRestrictsOnlyTheCallingThread() {
        // GIVEN a thread started before the main thread restricted itself
        assumeLandlock(2);
        // WHEN that thread renames across directories under no-refer
        Map<String, String> r = runUnder("no-refer");
        // THEN it is not restricted: restrict_self only applies to the caller (and its future children)
        assertThat(r).containsEntry("worker/" + op("rename", a.resolve("f7"), b.resolve("g7")), "OK");
    }

    @Test
    void referGrantedAllowsCrossDirectoryRenamesAndLinks() {
        // GIVEN a ruleset granting REFER beneath the writable directory
        assumeLandlock(2);
        // WHEN the probe renames and links within it
        Map<String, String> r = runUnder("refer");
        // THEN everything inside the writable tree works; the read-only tree still says EACCES
        assertThat(r).containsEntry(sameDir(), "OK")
                .containsEntry(op("rename", a.resolve("f2"), b.resolve("g2")), "OK")
                .containsEntry(op("renameat", a.resolve("f3"), b.resolve("g3")), "OK")
                .containsEntry(op("renameat2", a.resolve("f4"), b.resolve("g4")) + ":1", "OK")
                .containsEntry(op("link", a.resolve("f5"), b.resolve("l5")), "OK")
                .containsEntry(op("rename", a.resolve("f6"), ro.resolve("g6")), "EACCES");
        assertThat(Files.exists(b.resolve("g2"))).as("renamed file is at its target").isTrue();
    }

    @Test
    void abi1RulesetDeniesCrossDirectoryEvenOnNewerKernels() {
        // GIVEN a ruleset that handles only ABI-1 rights (REFER not handled), on any ABI
        assumeLandlock(1);
        // WHEN the probe renames and links across directories
        Map<String, String> r = runUnder("abi1");
        // THEN REFER is still denied (it is "initially denied" by every ruleset): EXDEV, as on 5.13-5.18
        assertThat(r).containsEntry(sameDir(), "OK")
                .containsEntry(op("rename", a.resolve("f2"), b.resolve("g2")), "EXDEV")
                .containsEntry(op("renameat2", a.resolve("f4"), b.resolve("g4")) + ":1", "EXDEV")
                .containsEntry(op("link", a.resolve("f5"), b.resolve("l5")), "EXDEV")
                .containsEntry(op("rename", a.resolve("f6"), ro.resolve("g6")), "EACCES");
    }

    @Test
    void agentSandboxWithoutReferBreaksTheUvCachePersist() throws IOException {
        // GIVEN uv's layout: a fresh temp dir in the cache, published by renaming it into archive-v0
        assumeLandlock(2);
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Files.createDirectories(cache.resolve("archive-v0"));
        Files.createDirectories(cache.resolve(".tmpA"));
        Files.createDirectories(cache.resolve(".tmpB"));
        String noRefer = op("rename", cache.resolve(".tmpA"), cache.resolve("archive-v0/idA"));
        String withRefer = op("rename", cache.resolve(".tmpB"), cache.resolve("archive-v0/idB"));
        // WHEN the agent sandbox is applied without, then with, REFER
        ChildJvm.Result without = ChildJvm.run(tmp, SandboxProbeMain.class.getName(),
                List.of("landlock=agent", "rw=" + workspace, "rw=" + cache, noRefer));
        ChildJvm.Result with = ChildJvm.run(tmp, SandboxProbeMain.class.getName(),
                List.of("landlock=agent-refer", "rw=" + workspace, "rw=" + cache, withRefer));
        // THEN the seed report's "Cross-device link" appears exactly when REFER is not granted
        assertThat(without.results()).as("%s", without).containsEntry(noRefer, "EXDEV");
        assertThat(with.results()).as("%s", with).containsEntry(withRefer, "OK");
    }

    @Test
    void aMissingWritableDirectoryFailsWithOneLineNamingSyscallErrnoAndPath() {
        // GIVEN a writable directory that does not exist
        assumeLandlock(1);
        Path missing = tmp.resolve("missing");
        // WHEN the policy is applied
        ChildJvm.Result r = ChildJvm.run(tmp, SandboxProbeMain.class.getName(),
                List.of("landlock=abi1", "rw=" + missing, "state"));
        // THEN nothing runs and the reason is one line
        assertThat(r.exit()).as("%s", r).isEqualTo(3);
        assertThat(r.stderr()).containsExactly(
                "open(" + missing + ", O_PATH) for a Landlock rule: ENOENT (No such file or directory)");
        assertThat(r.stdout()).isEmpty();
    }
}
