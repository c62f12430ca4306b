package dev.fsconform.probe;

import dev.fsconform.verdict.CellLabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Every operation × scenario on the local environments that need no set-up of their own: a temp
 * directory (with /dev/shm as the second mount), and, as root, two tmpfs mounts in a private mount
 * namespace. Each cell is checked against what Linux promises on a local filesystem.
 */
class LocalProbeTest {

    static Stream<Arguments> cells(boolean ran) {
        return LocalRuns.all().stream().flatMap(run -> run.result().cells().stream()
                .filter(cell -> cell.ran() == ran)
                .map(cell -> Arguments.argumentSet(cell.operation() + " × " + cell.scenario() + " @ " + run.name(), run, cell)));
    }

    static final class RanCells implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
            return cells(true);
        }
    }

    static final class NotRunCells implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
            return cells(false);
        }
    }

    @ParameterizedTest
    @ArgumentsSource(RanCells.class)
    void cellMatchesWhatLinuxPromisesOnALocalFilesystem(LocalRuns.Run run, Observation cell) {
        if (cell.cell().pattern()) {
            Pattern p = Pattern.byId(cell.scenario()).orElseThrow();
            boolean stagingElsewhere = p == Pattern.STAGING_TO_CAS && run.result().fingerprint().mounts().size() > 1;
            assertThat(cell.outcome()).as("pattern %s @ %s: %s", p.id(), run.name(), cell.detail())
                    .isEqualTo(stagingElsewhere ? "EXDEV" : "OK");
            return;
        }
        Operation op = Operation.byId(cell.operation()).orElseThrow();
        Scenario s = Catalogue.byId(cell.scenario()).orElseThrow();

        assertThat(cell.outcome())
                .as("%s × %s @ %s: %s (detail: %s, post-state: %s)", op.id(), s.id(), run.name(), s.describe(),
                        cell.detail(), cell.postState())
                .isIn(LocalOracle.expected(op, s, LocalRuns.root()));
        if (!"PARTIAL".equals(cell.outcome())) {
            assertThat(cell.postState().problems()).as("post-state problems of %s", CellLabel.of(cell)).isEmpty();
        }
    }

    @ParameterizedTest
    @ArgumentsSource(NotRunCells.class)
    void cellNotRunSaysWhy(LocalRuns.Run run, Observation cell) {
        assertThat(cell.reason()).as("reason of %s @ %s", CellLabel.of(cell), run.name()).isNotBlank();
        assertThat(cell.outcome()).isNull();
        boolean seeded = Catalogue.byId(cell.scenario()).map(Scenario::seeded)
                .orElseGet(() -> Pattern.byId(cell.scenario()).orElseThrow().needsSeed());
        if (seeded && cell.status() != CellStatus.NOT_APPLICABLE) {
            assertThat(cell.status()).as("status of %s without a seed tree", CellLabel.of(cell)).isEqualTo(CellStatus.SKIPPED);
            assertThat(cell.reason()).contains("seed");
        }
    }
}
