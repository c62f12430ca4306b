package dev.fsconform.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteTest {
    @Test
    void aShortValueIsShownWhole() {
        assertThat(Quote.of("renameat2=ENOSYS")).isEqualTo("'renameat2=ENOSYS'");
    }

    @Test
    void controlCharactersAreEscapedOnOneLine() {
        assertThat(Quote.of("a\nb\u0000")).isEqualTo("'a\\nb\\u0000'");
    }

    @Test
    void theCapCountsEscapesSoAValueOfControlCharactersStaysShort() {
        // GIVEN a value whose every character is shown as a six-character escape (a fuzzer's finding)
        String controls = "\u000e".repeat(200);

        // WHEN it is quoted
        String shown = Quote.of(controls);

        // THEN what is shown stays within the cap (plus one escape, the quotes and the length note)
        assertThat(shown).as("quoted: %s", shown).hasSizeLessThanOrEqualTo(80 + 6 + 3 + " (200 chars)".length())
                .endsWith("…' (200 chars)").doesNotContain("\n");
    }

    @Test
    void aLongPlainValueIsCutAtTheCapAndSaysItsLength() {
        String shown = Quote.of("x".repeat(1000));

        assertThat(shown).isEqualTo("'" + "x".repeat(80) + "…' (1000 chars)");
    }
}
