package dev.fsconform.grade;

import dev.fsconform.result.CellKey;
import dev.fsconform.result.Answer;
import dev.fsconform.verdict.CellLabel;
import static dev.fsconform.testsupport.Canned.crossMount;
import static dev.fsconform.testsupport.Canned.ran;
import static dev.fsconform.testsupport.Canned.sameMount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.cause.Cause;
import dev.fsconform.cause.Causes;
import dev.fsconform.result.CellStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.testsupport.Canned;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraderTest {
    private final Grader grader = Grader.standard();

    private GradedCell grade(Observation cell) {
        return grader.grade(Canned.env(cell), cell);
    }

    @ParameterizedTest(name = "{0} × {1} → {2} is {3} by row {4}")
    @CsvSource({
        "rename, file-same-dir, OK, EXPECTED, move-to-free-name",
        "rename, dir-onto-dir-same-dir, ENOTEMPTY, EXPECTED, directory-onto-non-empty-directory",
        "rename, dir-onto-dir-same-dir, EEXIST, EXPECTED, directory-onto-non-empty-directory",
        "rename, file-onto-emptydir-cross-dir, EISDIR, EXPECTED, non-directory-onto-directory",
        "renameat2-noreplace, file-onto-file-same-dir, EEXIST, EXPECTED, noreplace-onto-existing",
        "renameat2-noreplace, file-onto-file-same-dir, OK, FORBIDDEN, noreplace-clobbered",
        "renameat2-exchange, file-onto-dir-same-dir, OK, EXPECTED, exchange-existing-target",
        "renameat2-exchange, file-onto-file-same-dir, WRONG_STATE, FORBIDDEN, wrong-state",
        "renameat2-exchange, file-same-dir, ENOENT, EXPECTED, exchange-missing-target",
        "renameat2-whiteout, file-same-dir, EINVAL, ACCEPTABLE, whiteout-unsupported",
        "files-move, file-onto-file-same-dir, FileAlreadyExistsException, EXPECTED, files-move-onto-existing",
        "files-move, file-onto-file-same-dir, OK, FORBIDDEN, files-move-clobbered",
        "rename, file-cross-dir, EXDEV, SURPRISING, same-mount-exdev",
        "files-move, file-cross-dir, COPIED, SURPRISING, same-mount-copied",
        "renameat2, file-same-dir, ENOSYS, ACCEPTABLE, renameat2-enosys",
        "renameat2, file-same-dir, EPERM, SURPRISING, renameat2-eperm",
        "rename, file-same-dir, PARTIAL, FORBIDDEN, partial"})
    void gradesCannedCellsOnOneMountByTheTable(String op, String scenario, String outcome, Grade grade, String row) {
        // GIVEN a cell measured on one mount and one device
        Observation cell = ran(op, scenario, outcome, sameMount());

        // WHEN it is graded
        GradedCell g = grade(cell);

        // THEN the expected row decides, with its rationale and reference
        assertThat(g.grade()).as("grade of %s (row %s: %s)", CellLabel.of(cell), g.rowId(), g.rationale()).isEqualTo(grade);
        assertThat(g.rowId()).as("deciding row of %s", CellLabel.of(cell)).isEqualTo(row);
        assertThat(g.rationale()).as("rationale of row %s", row).isNotBlank();
        assertThat(g.reference()).as("reference of row %s", row).isNotBlank();
    }

    @ParameterizedTest(name = "{0} × {1} → {2} across mounts is {3}")
    @CsvSource({
        "rename, cross-mount-file, EXDEV, ACCEPTABLE",
        "renameat2-noreplace, cross-mount-file-onto-file, EXDEV, ACCEPTABLE",
        "files-move, cross-mount-file, COPIED, ACCEPTABLE",
        "files-move, cross-mount-dir, DirectoryNotEmptyException, ACCEPTABLE",
        "files-move-atomic, cross-mount-dir, AtomicMoveNotSupportedException, ACCEPTABLE",
        "mv, cross-mount-dir, COPIED, ACCEPTABLE"})
    void exdevAndCopiesAcrossMountsAreAcceptableAndAttributedToTheMountBoundary(String op, String scenario, String outcome,
                                                                                 Grade grade) {
        // GIVEN a cell whose parents are on two mounts
        Observation cell = outcome.startsWith("Atomic")
                ? Observation.ran(new CellKey(op, scenario), new Answer(outcome, 18, "EXDEV", outcome, null),
                        ran(op, scenario, "OK", crossMount()).postState(), crossMount(), 1.0)
                : ran(op, scenario, outcome, crossMount());

        // WHEN it is graded
        GradedCell g = grade(cell);

        // THEN it is acceptable, and the cause is the mount boundary
        assertThat(g.grade()).as("grade of %s (row %s)", CellLabel.of(cell), g.rowId()).isEqualTo(grade);
        assertThat(g.causes()).extracting(Cause::id).as("causes of %s", CellLabel.of(cell)).containsExactly(Causes.MOUNT_BOUNDARY.id());
    }

    @Test
    void anOutcomeNoRowListsIsUnknownWithMissingExpectation() {
        // GIVEN an outcome the table has never seen
        Observation cell = ran("rename", "file-same-dir", "ENOSPC", sameMount());

        // WHEN it is graded
        GradedCell g = grade(cell);

        // THEN it is UNKNOWN, says "missing expectation", and still gets an (unknown) cause with evidence
        assertThat(g.grade()).isEqualTo(Grade.UNKNOWN);
        assertThat(g.rationale()).startsWith("missing expectation").contains("rename × file-same-dir → ENOSPC");
        assertThat(g.rowId()).isNull();
        assertThat(g.causes()).extracting(Cause::id).containsExactly(Causes.UNKNOWN.id());
        assertThat(g.causes().get(0).evidence()).as("unknown cause evidence").isNotEmpty();
    }

    @Test
    void cellsTheHarnessDidNotRunGetNoGradeAndKeepTheirHarnessStatus() {
        // GIVEN cells that did not run
        List<Observation> notRun = List.of(
                Observation.notRun("link", "dir-same-dir", CellStatus.NOT_APPLICABLE, "no directory links"),
                Observation.notRun("rename", "cross-mount-file", CellStatus.SKIPPED, "needs --second"),
                Observation.notRun("rename", "file-same-dir", CellStatus.SETUP_ERROR, "fixture: disk full"));

        for (Observation cell : notRun) {
            // WHEN they are graded
            GradedCell g = grade(cell);

            // THEN they carry no grade, only their harness status and reason
            assertThat(g.grade()).as("grade of not-run %s", CellLabel.of(cell)).isNull();
            assertThat(g.graded()).isFalse();
            assertThat(g.finding()).isFalse();
            assertThat(g.harnessStatus()).isEqualTo(cell.status());
            assertThat(g.rationale()).isEqualTo(cell.reason());
        }
    }

    @Test
    void whiteoutEpermIsAcceptableOnlyWithoutCapMknod() {
        // GIVEN the same EPERM, once from a prober without CAP_MKNOD and once from root
        Observation cell = ran("renameat2-whiteout", "file-same-dir", "EPERM", sameMount());
        EnvironmentResult noMknod = Canned.env(Canned.with(Canned.fingerprint(), 0, 7, "0000000000000000", null,
                List.of(Canned.EXT4), Map.of()), cell);

        // WHEN both are graded
        GradedCell withoutCap = grader.grade(noMknod, cell);
        GradedCell asRoot = grade(cell);

        // THEN only the prober lacking CAP_MKNOD gets the documented EPERM
        assertThat(withoutCap.grade()).as("row %s", withoutCap.rowId()).isEqualTo(Grade.ACCEPTABLE);
        assertThat(withoutCap.rowId()).isEqualTo("whiteout-needs-mknod");
        assertThat(asRoot.grade()).as("row %s", asRoot.rowId()).isEqualTo(Grade.SURPRISING);
    }

    @Test
    void partialOfReplaceExistingThatOnlyDroppedTheTargetIsSurprisingOnOneMountAcceptableAcross() {
        // GIVEN Files.move(REPLACE_EXISTING) deleted the empty target and then refused to copy a non-empty dir
        Observation oneMount = partialDroppedTarget(sameMount());
        Observation across = partialDroppedTarget(crossMount());

        // WHEN graded
        // THEN the documented cross-filesystem case is acceptable, the same-mount one (rename refused) surprising
        assertThat(grade(across).grade()).isEqualTo(Grade.ACCEPTABLE);
        assertThat(grade(oneMount).grade()).isEqualTo(Grade.SURPRISING);
        assertThat(grade(oneMount).rowId()).isEqualTo("files-move-replace-dropped-target");
    }

    private static Observation partialDroppedTarget(dev.fsconform.result.Where where) {
        return Observation.ran(new CellKey("files-move-replace", "dir-onto-emptydir-cross-dir"), new Answer("PARTIAL", null, null,
                "DirectoryNotEmptyException", null), new dev.fsconform.result.PostState("dir:source", "absent", null, List.of("failed call changed the target")),
                where, 1.0);
    }
}
