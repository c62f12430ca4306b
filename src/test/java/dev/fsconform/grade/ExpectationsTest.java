package dev.fsconform.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpectationsTest {

    static Expectations parse(String yaml) {
        return Expectations.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void theStandardTableLoadsAndEveryRowExplainsItself() {
        // GIVEN / WHEN the shipped table is loaded
        Expectations table = Expectations.standard();

        // THEN every row has an id, a grade other than UNKNOWN, a one-line rationale and a reference
        assertThat(table.size()).as("rows in the standard table").isGreaterThan(40);
        assertThat(table.rows()).allSatisfy(r -> {
            assertThat(r.rationale()).as("rationale of %s", r.id()).isNotBlank().doesNotContain("\n");
            assertThat(r.reference()).as("reference of %s", r.id()).isNotBlank();
            assertThat(r.grade()).as("grade of %s", r.id()).isNotEqualTo(Grade.UNKNOWN);
        });
    }

    static Stream<Arguments> brokenRows() {
        String ok = "\n    outcomes: [OK]\n    grade: EXPECTED\n    rationale: r\n    reference: x";
        return Stream.of(
                Arguments.of("ops: [rename]\n    outcomes: [OK]\n    grade: EXPECTED\n    rationale: r", "has no reference"),
                Arguments.of("ops: [renme]" + ok, "unknown operation renme"),
                Arguments.of("ops: [\"@nope\"]" + ok, "unknown group @nope"),
                Arguments.of("ops: [rename]\n    outcomes: [OK]\n    grade: UNKNOWN\n    rationale: r\n    reference: x",
                        "cannot grade UNKNOWN"),
                Arguments.of("ops: [rename]\n    source: [fifo]" + ok, "source 'fifo'"),
                Arguments.of("ops: [rename]\n    scenarios: [no-such]" + ok, "unknown scenario"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenRows")
    void aBrokenRowFailsLoadingWithItsId(String body, String problem) {
        // GIVEN a table whose only row is broken
        String yaml = "rows:\n  - id: broken\n    " + body + "\n";

        // WHEN / THEN loading names the row and the problem
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.yaml: row broken").hasMessageContaining(problem);
    }

    @Test
    void duplicateIdsAreRejected() {
        String row = "  - id: same\n    ops: [rename]\n    outcomes: [OK]\n    grade: EXPECTED\n    rationale: r\n    reference: x\n";

        assertThatThrownBy(() -> parse("rows:\n" + row + row))
                .hasMessageContaining("row same duplicates an earlier id");
    }
}
