package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelAxisTest {
    private static EnvironmentVerdict notRun(String name) {
        return FakeVerdicts.of(EnvironmentResult.notRun(name, "host", "d", EnvStatus.SKIPPED, "why", 0));
    }

    @Test
    void aGuestRowNamesItsKernelAndTheEnvironmentItIs() {
        assertThat(KernelAxis.of(notRun("tmpfs@kernel-6.1"))).isEqualTo("kernel-6.1");
        assertThat(KernelAxis.base(notRun("tmpfs@kernel-6.1"))).isEqualTo("tmpfs");
        // the same kernel through its container image: same kernel, an environment of its own
        assertThat(KernelAxis.of(notRun("tmpfs@kernel-6.1/image"))).isEqualTo("kernel-6.1");
        assertThat(KernelAxis.base(notRun("tmpfs@kernel-6.1/image"))).isEqualTo("tmpfs/image");
        // a row of no guest ran on the recording machine's kernel
        assertThat(KernelAxis.of(notRun("tmpfs"))).isNull();
        assertThat(KernelAxis.base(notRun("tmpfs"))).isEqualTo("tmpfs");
        assertThat(KernelAxis.of(notRun("tmpfs@laptop/6.18.4"))).isNull();
    }

    @Test
    void theFingerprintsLabelWinsOverTheName() {
        EnvironmentResult env = Synthetic.environment("tmpfs@kernel-sid", "host", 3, new Random(1));
        Fingerprint fp = env.fingerprint();
        Fingerprint guest = new Fingerprint(fp.kernel(), fp.arch(), fp.javaVersion(), fp.hostname(), fp.uid(), fp.capEff(),
                fp.seccompMode(), fp.seccompFilters(), fp.noNewPrivs(), fp.landlockAbi(), fp.landlockRestricted(), fp.mounts(),
                Map.of("kernel.axis", "kernel-sid", "kernel.release", "7.2.13+deb14-amd64", "kernel.suite", "sid",
                        "kernel.accel", "tcg"));
        EnvironmentVerdict v = FakeVerdicts.of(new EnvironmentResult(env.name(), env.group(), env.description(), env.status(),
                null, guest, 1, env.cells()));
        assertThat(KernelAxis.release(v)).isEqualTo("7.2.13+deb14-amd64");
        List<PageView.KernelRow> rows = KernelAxis.summary(List.of(v, notRun("landlock@kernel-sid"), notRun("plain")));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("kernel-sid");
            assertThat(r.suite()).isEqualTo("sid");
            assertThat(r.environments()).isEqualTo(2);
            assertThat(r.ran()).isEqualTo(1);
        });
    }
}
