package dev.fsconform.grade;

import dev.fsconform.verdict.CellLabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.cause.Causes;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.testsupport.Recorded;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every environment recorded on a real kernel grades completely: no cell lacks an expectation. */
class RecordedEnvironmentsTest {

    static List<String> names() {
        return Recorded.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void noRecordedCellIsUnknownAndNoCauseIsUnknown(String name) {
        // GIVEN cells recorded on a real environment
        EnvironmentResult env = Recorded.env(name);

        // WHEN every cell is graded
        List<GradedCell> cells = Grader.standard().gradeAll(env);

        // THEN no cell is UNKNOWN and no cause stays unknown
        List<String> unknown = cells.stream().filter(c -> c.grade() == Grade.UNKNOWN)
                .map(c -> CellLabel.of(c.observation()) + " → " + c.observation().outcome()).collect(Collectors.toList());
        assertThat(unknown).as("UNKNOWN cells in %s: add expectation rows", name).isEmpty();
        List<String> unexplained = cells.stream().filter(c -> c.causes().stream().anyMatch(x -> x.id().equals(Causes.UNKNOWN.id())))
                .map(c -> CellLabel.of(c.observation()) + " → " + c.observation().outcome() + " " + c.causes().get(0).evidence())
                .collect(Collectors.toList());
        assertThat(unexplained).as("cells of %s whose cause is unknown", name).isEmpty();
        assertThat(cells.stream().filter(GradedCell::graded).count()).as("graded cells in %s", name).isGreaterThan(400);
    }
}
