package dev.fsconform.cause;

import dev.fsconform.verdict.CellLabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.grade.Grader;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.PostState;
import dev.fsconform.testsupport.Recorded;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cells recorded in Docker with the runsc runtime (gVisor 0.0~20240729, kernel 6.18 host) replayed. */
class GvisorRecordedTest {

    private static List<GradedCell> graded(String name) {
        return Grader.standard().gradeAll(Recorded.env(name));
    }

    private static GradedCell cell(List<GradedCell> cells, String op, String scenario) {
        return cells.stream().filter(c -> c.observation().operation().equals(op) && c.observation().scenario().equals(scenario))
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + op + " × " + scenario));
    }

    private static Set<String> ids(GradedCell c) {
        return c.causes().stream().map(Cause::id).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker-runsc-rootfs", "docker-runsc-volume", "docker-runsc-tmpfs", "gvisor-do"})
    void everyGvisorCellIsGradedAndNoCauseIsUnknown(String name) {
        // GIVEN cells recorded under gVisor, whose fingerprint says so
        EnvironmentResult env = Recorded.env(name);
        assertThat(env.fingerprint().gvisor()).as("%s recorded under gVisor", name).isTrue();

        // WHEN graded
        List<GradedCell> cells = graded(name);

        // THEN none is UNKNOWN, no cause is unknown, and no Linux overlayfs rule speaks for gVisor's overlay
        assertThat(cells.stream().filter(c -> c.grade() == Grade.UNKNOWN).map(c -> CellLabel.of(c.observation())))
                .as("UNKNOWN cells of %s", name).isEmpty();
        assertThat(cells.stream().filter(c -> ids(c).contains(Causes.UNKNOWN.id())).map(c -> CellLabel.of(c.observation())))
                .as("cells of %s with cause unknown", name).isEmpty();
        assertThat(cells.stream().flatMap(c -> ids(c).stream()).distinct())
                .as("causes of %s", name).doesNotContain(Causes.OVERLAYFS_LOWER_DIR.id(), Causes.OVERLAYFS_INODE_NUMBER.id(), Causes.BTRFS_SUBVOLUME.id());
        assertThat(cells.stream().filter(GradedCell::graded).count()).isGreaterThan(400);
    }

    @Test
    void exchangeAndWhiteoutAreEinvalBecauseOfGvisor() {
        // GIVEN the rootfs environment
        List<GradedCell> cells = graded("docker-runsc-rootfs");

        // WHEN EXCHANGE and WHITEOUT of a fresh file are looked at
        GradedCell exchange = cell(cells, "renameat2-exchange", "file-onto-file-same-dir");
        GradedCell whiteout = cell(cells, "renameat2-whiteout", "file-same-dir");

        // THEN both are EINVAL, allowed, and explained by gVisor with the plain renameat2 as control
        assertThat(exchange.observation().outcome()).isEqualTo("EINVAL");
        assertThat(whiteout.observation().outcome()).isEqualTo("EINVAL");
        assertThat(ids(exchange)).containsExactly(Causes.GVISOR_RENAME_FLAGS.id());
        assertThat(ids(whiteout)).containsExactly(Causes.GVISOR_RENAME_FLAGS.id());
        assertThat(exchange.causes().get(0).evidence()).anyMatch(l -> l.startsWith("control: renameat2 × file-onto-file-same-dir"));
    }

    @Test
    void anImageLayerRenameThatCopiesIsGvisorsCopyUpNotOverlayfs() {
        // GIVEN the rootfs environment, whose seeded fixtures are an image layer
        List<GradedCell> cells = graded("docker-runsc-rootfs");

        // WHEN a rename of a seeded directory succeeded with a new inode
        GradedCell dir = cell(cells, "rename", "seeded-dir-same-dir");

        // THEN it is a copy, graded SURPRISING, explained by gVisor's copy-up
        assertThat(dir.observation().outcome()).isEqualTo("COPIED");
        assertThat(dir.grade()).isEqualTo(Grade.SURPRISING);
        assertThat(ids(dir)).containsExactly(Causes.GVISOR_COPY_UP.id());
    }

    @Test
    void aLinkThatCopiesTheSourceUpSaysTheTargetIsASecondNameOfItsNewInode() {
        // GIVEN a link of a seeded file under gVisor
        GradedCell link = cell(graded("docker-runsc-rootfs"), "link", "seeded-file-same-dir");

        // THEN the post-state names what happened, not "target is not a second name"
        assertThat(link.observation().postState().problems()).containsExactly(PostState.LINK_SOURCE_NEW_INODE);
        assertThat(ids(link)).containsExactly(Causes.GVISOR_COPY_UP.id());
    }

    @Test
    void gvisorsOwnTmpOnTmpfsIsTheMountBoundaryAndDockersTmpfsIsNot() {
        // GIVEN a volume paired with gVisor's /tmp, and a --tmpfs /tmp the container asked for
        GradedCell volume = cell(graded("docker-runsc-volume"), "rename", "cross-mount-file");
        GradedCell tmpfs = cell(graded("docker-runsc-tmpfs"), "rename", "cross-mount-file");

        // THEN both are EXDEV across mounts; only the first is gVisor's doing
        assertThat(volume.observation().outcome()).isEqualTo("EXDEV");
        assertThat(ids(volume)).containsExactly(Causes.GVISOR_TMP_TMPFS.id(), Causes.MOUNT_BOUNDARY.id());
        assertThat(ids(tmpfs)).containsExactly(Causes.MOUNT_BOUNDARY.id());
        assertThat(String.join(" ", volume.causes().get(0).evidence())).doesNotContain("null");
    }

    @Test
    void noreplaceOnAGoferVolumeIsEinvalBecauseOfGvisor() {
        // GIVEN a NOREPLACE rename inside a Docker volume, which gVisor serves over its gofer (9p)
        GradedCell c = cell(graded("docker-runsc-volume"), "renameat2-noreplace", "file-same-dir");

        // THEN it is EINVAL, explained by gVisor
        assertThat(c.observation().outcome()).isEqualTo("EINVAL");
        assertThat(c.observation().where().sourceFs()).isEqualTo("9p");
        assertThat(ids(c)).containsExactly(Causes.GVISOR_RENAME_FLAGS.id());
    }
}
