package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which guest consoles count as a boot that never reached fsconform, and so earn one more boot. */
class KernelGuestBootTest {
    private static final String OOPS = "[    1.241512] Oops: int3: 0000 [#1] SMP NOPTI\n"
            + "[    1.245018] Kernel panic - not syncing: Fatal exception in interrupt\n";

    @TempDir
    Path out;

    @Test
    void aPanicInEarlyBootIsRetried() throws IOException {
        // GIVEN a console that ends in a panic before the guest's host lab started, and no exit status
        Files.writeString(out.resolve("console.log"), OOPS);
        // THEN the boot is retried
        assertThat(KernelGuest.panickedBeforeTheLab(out)).isTrue();
    }

    @Test
    void aPanicOnceTheLabRanIsAResultNotRetried() throws IOException {
        // GIVEN the lab had started when the kernel panicked
        Files.writeString(out.resolve("console.log"), "fsconform-guest: host lab starting 9.6s\n" + OOPS);
        // THEN that is kept as the guest's failure
        assertThat(KernelGuest.panickedBeforeTheLab(out)).isFalse();
    }

    @Test
    void aGuestThatExitedOrLeftNoConsoleIsNotRetried() throws IOException {
        assertThat(KernelGuest.panickedBeforeTheLab(out)).as("no console").isFalse();
        Files.writeString(out.resolve("console.log"), OOPS);
        Files.writeString(out.resolve("exit-status"), "0\n");
        assertThat(KernelGuest.panickedBeforeTheLab(out)).as("an exit status was written").isFalse();
    }
}
