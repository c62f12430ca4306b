package dev.fsconform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Scratch cell directories keep the names results and reproductions have always shown. */
class CellNameTest {
    @Test
    void cellNamesAreWhatTheFormatGave() {
        // GIVEN every cell number a catalogue can reach, and beyond  WHEN named  THEN as "c%04d" names them
        for (int n = 0; n < 20_000; n++) {
            assertThat(Probe.cellName(n)).as("cell %d", n).isEqualTo(String.format("c%04d", n));
        }
    }
}
