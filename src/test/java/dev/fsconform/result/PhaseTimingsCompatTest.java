package dev.fsconform.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Phase timings are optional: files written before they existed still read, new ones round-trip. */
class PhaseTimingsCompatTest {
    @Test
    void aResultWithoutPhasesStillReads() {
        String old = "{\"schema\":\"fsconform-results\",\"schemaVersion\":1,\"tool\":\"t\",\"generatedAt\":\"g\","
                + "\"environments\":[{\"name\":\"e\",\"group\":\"g\",\"description\":\"d\",\"status\":\"SKIPPED\","
                + "\"reason\":\"r\",\"durationMillis\":0,\"cells\":[]}]}";
        EnvironmentResult e = ResultsJson.read(old, "old.json").environments().get(0);
        assertThat(e.phases()).isNull();
        assertThat(e.reason()).isEqualTo("r");
    }

    @Test
    void phasesRoundTrip() {
        EnvironmentResult e = EnvironmentResult.notRun("e", "g", "d", EnvStatus.RAN, null, 5)
                .withPhases(new PhaseTimings(1, 2, 3));
        ResultsFile f = ResultsFile.of("t", "g", List.of(e));
        EnvironmentResult back = ResultsJson.read(ResultsJson.write(f), "mem").environments().get(0);
        assertThat(back.phases()).isEqualTo(new PhaseTimings(1, 2, 3));
        assertThat(back.phases().totalMillis()).isEqualTo(6);
    }
}
