package dev.fsconform.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.operation.Operation;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void keepsTheStableIdsOthersReferTo() {
        List<String> ids = Catalogue.scenarios().stream().map(Scenario::id).collect(Collectors.toList());

        assertThat(ids).contains("file-same-dir", "file-cross-dir", "dir-same-dir", "dir-cross-dir",
                "file-onto-file-cross-dir", "seeded-file-cross-dir", "seeded-dir-same-dir", "seeded-dir-cross-dir",
                "cross-mount-file", "cross-mount-dir");
        assertThat(Operation.values()).extracting(Operation::id).contains("rename", "renameat", "renameat2",
                "renameat2-noreplace", "renameat2-exchange", "renameat2-whiteout", "link", "linkat", "files-move",
                "files-move-replace", "files-move-atomic");
    }

    @Test
    void idsAreUniqueAndFollowTheGrammar() {
        List<String> ids = Catalogue.scenarios().stream().map(Scenario::id).collect(Collectors.toList());

        assertThat(new HashSet<>(ids)).as("duplicate scenario ids").hasSameSizeAs(ids);
        assertThat(ids).allMatch(id -> id.matches("(seeded-)?(cross-mount-)?(file|dir|emptydir|symlink)"
                + "(-onto-(file|dir|emptydir))?(-same-dir|-cross-dir)?"), "matches the id grammar");
    }

    @Test
    void describesScenariosForPeople() {
        Scenario s = Catalogue.byId("seeded-dir-onto-emptydir-cross-dir").orElseThrow();

        assertThat(s.describe()).isEqualTo("dir onto an existing emptydir, into another directory, from a seeded (lower-layer) tree");
        assertThat(Catalogue.byId("cross-mount-file").orElseThrow().describe())
                .isEqualTo("file to a missing target, onto another mount");
    }

    @Test
    void coversEverySourceAndTargetKindInBothPlacements() {
        for (Placement p : List.of(Placement.SAME_DIR, Placement.CROSS_DIR)) {
            for (Kind source : Kind.values()) {
                assertThat(Catalogue.scenarios()).as("%s %s", source, p)
                        .anyMatch(s -> s.source() == source && s.placement() == p && !s.seeded() && s.target() == null)
                        .anyMatch(s -> s.source() == source && s.placement() == p && s.target() == Kind.DIR);
            }
        }
    }
}
