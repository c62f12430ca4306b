package dev.fsconform.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenarioIdsTest {

    @Test
    void everyCatalogueIdParsesBackToItsScenario() {
        assertThat(Catalogue.scenarios()).allSatisfy(s ->
                assertThat(Scenario.parse(s.id())).as("parse(%s)", s.id()).contains(s));
    }

    @Test
    void idsOutsideTheGrammarDoNotParse() {
        assertThat(Scenario.parse("uv-cache-persist")).isEmpty();
        assertThat(Scenario.parse("file-onto-fifo-same-dir")).isEmpty();
        assertThat(Scenario.parse(null)).isEmpty();
    }

    @Test
    void controlsAreTheSameShapeFreshOrElsewhere() {
        Scenario seeded = Scenario.parse("seeded-dir-onto-emptydir-cross-dir").orElseThrow();

        assertThat(seeded.fresh().id()).isEqualTo("dir-onto-emptydir-cross-dir");
        assertThat(seeded.fresh().withPlacement(Placement.SAME_DIR).id()).isEqualTo("dir-onto-emptydir-same-dir");
        assertThat(seeded.withPlacement(Placement.CROSS_MOUNT)).isNull();
    }
}
