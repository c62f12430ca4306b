package dev.fsconform.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbacksTest {
    private static final Path JOB = Path.of("/s/job");

    private static Call call(String line) {
        Call c = Strace.parse(1, line, JOB);
        assertThat(c).as(line).isNotNull();
        return c;
    }

    @Test
    void aRefusedRenameFollowedByACopyAndRemovalOfTheSourceIsAFallback() {
        // GIVEN mv's calls under Landlock without REFER
        List<Call> calls = List.of(
                call("renameat2(AT_FDCWD</s/job>, \"src/p\", AT_FDCWD</s/job>, \"dst/p\", RENAME_NOREPLACE) = -1 EXDEV (Invalid cross-device link)"),
                call("copy_file_range(3</s/job/src/p/data>, NULL, 4</s/job/dst/p/data>, NULL, 100, 0) = 8"),
                call("unlinkat(5</s/job/src/p>, \"data\", 0) = 0"),
                call("unlinkat(AT_FDCWD</s/job>, \"src/p\", AT_REMOVEDIR) = 0"));
        // WHEN the tool exited 0 with its end state right
        Fallbacks.Decision d = Fallbacks.decide(calls, 0, List.of(), JOB);
        // THEN the cell is FALLBACK, decided by the refused call, and the fallback is named from the trace
        assertThat(d.outcome()).isEqualTo("FALLBACK");
        assertThat(d.deciding().errno()).isEqualTo("EXDEV");
        assertThat(d.fallback()).isEqualTo("copied 1 file (copy_file_range), then removed the source");
        assertThat(d.failed()).containsExactly("renameat2(src/p, dst/p, RENAME_NOREPLACE) = -1 EXDEV");
    }

    @Test
    void aRetryThroughAnotherCallIsNamed() {
        List<Call> calls = List.of(
                call("renameat2(AT_FDCWD</s/job>, \"a\", AT_FDCWD</s/job>, \"b\", RENAME_NOREPLACE) = -1 ENOSYS (Function not implemented)"),
                call("rename(\"a\", \"b\") = 0"));
        Fallbacks.Decision d = Fallbacks.decide(calls, 0, List.of(), JOB);
        assertThat(d.outcome()).isEqualTo("FALLBACK");
        assertThat(d.fallback()).isEqualTo("retried: rename(a, b) = 0");
    }

    @Test
    void aToolThatFailedAfterARefusalTakesTheRefusedErrnoAndGaveUp() {
        List<Call> calls = List.of(call("rename(\"staging/c\", \"etc/c\") = -1 EXDEV (Invalid cross-device link)"));
        Fallbacks.Decision d = Fallbacks.decide(calls, 1, List.of(), JOB);
        assertThat(d.outcome()).isEqualTo("EXDEV");
        assertThat(d.fallback()).isEqualTo("gave up");
    }

    @Test
    void theToolsOwnExpectedFailuresDecideNothing() {
        // GIVEN git's unlinks of files that may not exist and a link onto an object that exists
        List<Call> calls = List.of(call("unlink(\".git/gc.log\") = -1 ENOENT (No such file or directory)"),
                call("link(\"tmp_obj\", \"ab/cd\") = -1 EEXIST (File exists)"));
        // THEN a clean exit is OK, a failure without a refused call is exit-N, and a wrong end state is WRONG_STATE
        assertThat(Fallbacks.decide(calls, 0, List.of(), JOB).outcome()).isEqualTo("OK");
        assertThat(Fallbacks.decide(calls, 128, List.of(), JOB).outcome()).isEqualTo("exit-128");
        assertThat(Fallbacks.decide(calls, 0, List.of("x is missing"), JOB).outcome()).isEqualTo("WRONG_STATE");
        assertThat(Fallbacks.decide(calls, 0, List.of(), JOB).failed())
                .containsExactly("the tool's own expected failures: link EEXIST ×1, unlink ENOENT ×1");
    }

    @Test
    void aRefusedCopyFileRangeIsNeverDecisive() {
        List<Call> calls = List.of(call("copy_file_range(3</a>, NULL, 4</b>, NULL, 8, 0) = -1 EXDEV (Invalid cross-device link)"));
        assertThat(Fallbacks.decide(calls, 0, List.of(), JOB).outcome()).as("cp falls back to read and write").isEqualTo("OK");
    }
}
