package dev.fsconform.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static ProcStatus recorded(String name) {
        try (InputStream in = ProcStatusTest.class.getResourceAsStream("status/" + name + ".txt")) {
            assertThat(in).as("recorded status %s", name).isNotNull();
            return ProcStatus.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void gVisorsStatusHasNoFilterCountAndNoNoNewPrivsLine() {
        // GIVEN the status file gVisor writes under Docker
        ProcStatus st = recorded("gvisor-docker-runsc");

        // THEN what it shows is read, and what it lacks is unknown rather than a guess
        assertThat(st.numberOr("Uid")).isZero();
        assertThat(st.numberOr("Seccomp")).isZero();
        assertThat(st.numberOr("Seccomp_filters")).as("gVisor writes no Seccomp_filters line").isEqualTo(-1);
        assertThat(st.flag("NoNewPrivs")).isEmpty();
        assertThat(st.text("CapEff")).matches("[0-9a-f]{16}");
    }

    @Test
    void theHostsStatusGivesEveryField() {
        // GIVEN the status of a Debian 12 host process
        ProcStatus st = recorded("host-debian12");

        // THEN the fields fsconform reads are all there
        assertThat(st.number("Uid")).isPresent();
        assertThat(st.number("Seccomp_filters")).isPresent();
        assertThat(st.flag("NoNewPrivs")).isPresent();
        assertThat(st.has("CapBnd")).isTrue();
    }

    @Test
    void garbledLinesAreUnknownNotErrors() {
        // GIVEN a status with a non-number, an empty value, a line without a colon and a duplicated key
        ProcStatus st = ProcStatus.parse(List.of("Uid:\tnope", "CapEff:", "no colon here", "Seccomp:\t2", "Seccomp:\t0",
                "NoNewPrivs:\t7"));

        // THEN each reads as unknown, and the first of a duplicated key wins
        assertThat(st.numberOr("Uid")).isEqualTo(-1);
        assertThat(st.text("CapEff")).isEqualTo(ProcStatus.UNKNOWN);
        assertThat(st.numberOr("Seccomp")).isEqualTo(2);
        assertThat(st.flag("NoNewPrivs")).isEmpty();
    }

    @Test
    void anUnreadableFileFallsBackThenSaysWhy() {
        // GIVEN two status files that do not exist
        ProcStatus st = ProcStatus.read(List.of(Path.of("/nonexistent/a"), Path.of("/nonexistent/b")));

        // THEN nothing is known and the reason names the last one tried
        assertThat(st.fields()).isEmpty();
        assertThat(st.unreadable()).contains("/nonexistent/b");
        assertThat(st.numberOr("Uid")).isEqualTo(-1);
    }
}
