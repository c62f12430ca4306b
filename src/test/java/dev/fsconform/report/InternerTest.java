package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InternerTest {
    @Test
    void stringsKeepNullAtZeroAndEachValueOnce() {
        Interner<String> t = Interner.strings();
        assertThat(t.id(null)).isZero();
        assertThat(t.id("EXDEV")).isEqualTo(1);
        assertThat(t.id("OK")).isEqualTo(2);
        assertThat(t.id("EXDEV")).isEqualTo(1);
        assertThat(t.values()).containsExactly(null, "EXDEV", "OK");
    }

    @Test
    void tuplesStartAtZeroAndCompareByValue() {
        Interner<List<Integer>> t = Interner.tuples();
        assertThat(t.id(List.of())).isZero();
        assertThat(t.id(List.of(1, 2))).isEqualTo(1);
        assertThat(t.id(List.of(1, 2))).isEqualTo(1);
        assertThat(t.values()).hasSize(2);
    }
}
