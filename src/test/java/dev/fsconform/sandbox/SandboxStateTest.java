package dev.fsconform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint: read in this JVM (nothing applied) and in a child after restricting itself. */
class SandboxStateTest {
    @TempDir
    Path tmp;

    @Test
    void unsandboxedJvmReportsUnknownRatherThanGuessing() {
        // GIVEN the test JVM, which never restricts itself  WHEN fingerprinting
        SandboxState s = SandboxState.current();
        // THEN the ABI is the kernel's and Landlock restriction is "unknown" with a reason, not false
        assertThat(s.landlockAbi()).isEqualTo(Landlock.abi());
        assertThat(s.seccompMode()).isBetween(0, 2);
        assertThat(s.noNewPrivs()).isNotNull();
        if (s.landlockAbi() > 0) {
            assertThat(s.landlockUnavailable()).isNull();
            assertThat(s.landlockRestricted()).isNull();
            assertThat(s.landlockRestrictedReason()).startsWith("not detectable");
        } else {
            assertThat(s.landlockUnavailable()).startsWith("landlock_create_ruleset");
        }
    }

    @Test
    void aThreadKnowsItRestrictedItselfAndOthersStayUnknown() {
        // GIVEN a child JVM whose main thread applies no-refer
        assumeTrue(Landlock.abi() >= 2, () -> "needs Landlock ABI 2: " + Landlock.unavailableReason().orElse("old ABI"));
        // WHEN the main thread and an older thread fingerprint themselves
        ChildJvm.Result r = ChildJvm.run(tmp, SandboxProbeMain.class.getName(),
                List.of("landlock=no-refer", "rw=" + tmp, "state", "worker/state"));
        // THEN the main thread is restricted with no_new_privs; the other is unknown and without NNP
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.results().get("state")).contains("nnp=true", "restricted=true", "seccomp=0");
        assertThat(r.results().get("worker/state")).contains("nnp=false", "restricted=null");
    }
}
