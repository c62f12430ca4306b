package dev.fsconform.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No expectation row is dead weight: each grades some cell that no earlier row already decides. */
class UnreachableRowsTest {

    @Test
    void everyRowOfTheStandardTableDecidesSomeCell() {
        // GIVEN the shipped table  WHEN every combination its conditions distinguish is graded
        List<UnreachableRows.Dead> dead = UnreachableRows.of(Expectations.standard());

        // THEN each row is the first to match at least one of them
        assertThat(dead).as("rows an earlier row always beats").isEmpty();
    }

    @Test
    void aSpecificRowAfterAGeneralOneIsFlaggedWithTheRowThatWins() {
        // GIVEN a general EXDEV row above a cross-mount one it covers entirely, and a row below both that it does not
        Expectations t = table("""
                rows:
                  - {id: any-exdev, ops: [rename], outcomes: [EXDEV], grade: SURPRISING, rationale: r, reference: r}
                  - {id: mount-exdev, ops: [rename], boundary: [mount], outcomes: [EXDEV], grade: ACCEPTABLE, rationale: r, reference: r}
                  - {id: mount-copied, ops: [rename], boundary: [mount], outcomes: [EXDEV, COPIED], grade: SURPRISING, rationale: r, reference: r}
                """);

        // THEN only the shadowed row is reported, naming its winner
        assertThat(UnreachableRows.of(t)).containsExactly(new UnreachableRows.Dead("mount-exdev", java.util.Set.of("any-exdev")));
    }

    @Test
    void aRowBeatenOnlyByTheUnionOfEarlierRowsIsFlaggedToo() {
        // GIVEN same-dir and cross-dir rows, then a row for both placements
        Expectations t = table("""
                rows:
                  - {id: same, ops: [link], placement: [same-dir], outcomes: [OK], grade: EXPECTED, rationale: r, reference: r}
                  - {id: cross, ops: [link], placement: [cross-dir, cross-mount], outcomes: [OK], grade: EXPECTED, rationale: r, reference: r}
                  - {id: both, ops: [link], outcomes: [OK], grade: SURPRISING, rationale: r, reference: r}
                """);

        assertThat(UnreachableRows.of(t)).extracting(UnreachableRows.Dead::row).containsExactly("both");
    }

    private static Expectations table(String yaml) {
        return Expectations.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
