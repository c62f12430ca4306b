package dev.fsconform.cause;

import static dev.fsconform.testsupport.Recorded.cell;
import static dev.fsconform.testsupport.Recorded.env;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every cause rule on fingerprints and controls recorded on real environments (kernel 6.18). */
class CauseRulesTest {

    private static List<Cause> explain(String envName, String op, String scenario) {
        EnvironmentResult env = env(envName);
        Observation o = cell(env, op, scenario);
        assertThat(Signals.needsCause(o) || !o.outcome().equals("OK"))
                .as("%s × %s in %s should be a failure worth explaining, was %s", op, scenario, envName, o.outcome()).isTrue();
        return Attribution.of(env).explain(o);
    }

    private static List<String> ids(List<Cause> causes) {
        return causes.stream().map(Cause::id).collect(Collectors.toList());
    }

    private static String evidence(List<Cause> causes, String id) {
        return causes.stream().filter(c -> c.id().equals(id)).flatMap(c -> c.evidence().stream()).collect(Collectors.joining("\n"));
    }

    @Test
    void mountBoundaryBetweenTwoFilesystems() {
        // GIVEN /tmp (ext4) and /dev/shm (tmpfs) WHEN a cross-mount rename gives EXDEV
        List<Cause> causes = explain("host", "rename", "cross-mount-dir");

        // THEN the only cause is the mount boundary, naming both mounts
        assertThat(ids(causes)).containsExactly(Causes.MOUNT_BOUNDARY.id());
        assertThat(evidence(causes, Causes.MOUNT_BOUNDARY.id())).contains("ext4", "tmpfs").doesNotContain("bind mounts");
    }

    @Test
    void mountBoundaryBetweenTwoBindMountsOfOneFilesystemSaysSo() {
        // GIVEN two bind mounts of one directory (same st_dev, different mount ids)
        List<Cause> causes = explain("bind-mounts", "renameat2-noreplace", "cross-mount-file-onto-file");

        // THEN EXDEV (even NOREPLACE onto an existing target) is blamed on the mounts, with the bind-mount note
        assertThat(ids(causes)).containsExactly(Causes.MOUNT_BOUNDARY.id());
        assertThat(evidence(causes, Causes.MOUNT_BOUNDARY.id())).contains("bind mounts of one filesystem");
    }

    @Test
    void btrfsSubvolumeOnOneMount() {
        List<Cause> causes = explain("btrfs-subvolume", "link", "cross-mount-file");

        assertThat(ids(causes)).containsExactly(Causes.BTRFS_SUBVOLUME.id());
        assertThat(evidence(causes, Causes.BTRFS_SUBVOLUME.id())).contains("two devices", "subvolume");
    }

    @Test
    void overlayfsLowerDirWithTheKernelDefaultAndAFreshControl() {
        // GIVEN an overlay without redirect_dir=on and a directory from the seeded lower layer
        List<Cause> causes = explain("overlay-off", "rename", "seeded-dir-cross-dir");

        // THEN overlayfs-lower-dir, with the option evidence and the fresh control that moved fine
        assertThat(ids(causes)).containsExactly(Causes.OVERLAYFS_LOWER_DIR.id());
        assertThat(evidence(causes, Causes.OVERLAYFS_LOWER_DIR.id()))
                .contains("redirect_dir absent from mountinfo", "build-config dependent",
                        "control: rename × dir-cross-dir → OK", "seeded (lower-layer) tree");
    }

    @Test
    void overlayfsLowerDirEvenWithinOneDirectory() {
        List<Cause> causes = explain("overlay-off", "renameat2-noreplace", "seeded-emptydir-same-dir");

        assertThat(ids(causes)).containsExactly(Causes.OVERLAYFS_LOWER_DIR.id());
    }

    @Test
    void imageLayerDirMovePatternIsTheOverlay() {
        List<Cause> causes = explain("overlay-off", "pattern", "image-layer-dir-move");

        assertThat(ids(causes)).containsExactly(Causes.OVERLAYFS_LOWER_DIR.id());
    }

    @Test
    void fuseOverlayfsLowerDir() {
        List<Cause> causes = explain("fuse-overlayfs", "rename", "seeded-dir-cross-dir");

        assertThat(ids(causes)).containsExactly(Causes.FUSE_OVERLAYFS.id());
        assertThat(evidence(causes, Causes.FUSE_OVERLAYFS.id())).contains("no redirect_dir", "dir-cross-dir → OK");
    }

    @Test
    void fuseOverlayfsDoesNotClaimWhatTheMountBoundaryDecided() {
        // GIVEN fuse-overlayfs as the first directory and /dev/shm as the second
        // WHEN a rename crosses the two mounts
        List<Cause> causes = explain("fuse-overlayfs", "rename", "cross-mount-file");

        // THEN only the boundary: the VFS answered EXDEV before the FUSE server saw the call
        assertThat(ids(causes)).containsExactly(Causes.MOUNT_BOUNDARY.id());
    }

    @Test
    void overlayInodeNumberWhenTheLayersAreOnTwoFilesystems() {
        // GIVEN an overlay whose lower layer is on another filesystem than its upper layer, xino off
        // WHEN a lower-layer file is hard-linked: the link is made, but the new name shows another st_ino
        List<Cause> causes = explain("overlay-other-fs", "link", "seeded-file-cross-dir");

        // THEN overlayfs-inode-number, with the xino state and the upper-layer control that kept one number
        assertThat(ids(causes)).containsExactly(Causes.OVERLAYFS_INODE_NUMBER.id());
        assertThat(evidence(causes, Causes.OVERLAYFS_INODE_NUMBER.id()))
                .contains("xino absent from mountinfo", "seeded (lower-layer) tree", "control: link × file-cross-dir → OK");
        assertThat(ids(explain("overlay-other-fs", "linkat", "seeded-symlink-same-dir")))
                .containsExactly(Causes.OVERLAYFS_INODE_NUMBER.id());

        // AND an overlay with both layers on one filesystem links the same file cleanly
        assertThat(cell(env("overlay-on"), "link", "seeded-file-cross-dir").outcome()).isEqualTo("OK");
    }

    @Test
    void landlockReferWithoutAnyLabelIsInferredFromControls() {
        // GIVEN a probe exec'd by a foreign sandbox (Landlock without REFER), no labels
        EnvironmentResult env = env("landlock-no-refer");
        assertThat(env.fingerprint().labels()).as("recorded without labels").isEmpty();

        // WHEN uv's cache write (rename of a fresh dir into another dir) is explained
        List<Cause> causes = explain("landlock-no-refer", "rename", "dir-cross-dir");

        // THEN landlock-refer, inferred and saying so, with the same-directory control
        assertThat(ids(causes)).containsExactly(Causes.LANDLOCK_REFER.id());
        assertThat(evidence(causes, Causes.LANDLOCK_REFER.id()))
                .contains("process appears Landlock-restricted (cannot be read from outside; inferred from controls)",
                        "control: rename × dir-same-dir → OK", "Landlock ABI 7", "no mount or device boundary");
    }

    @Test
    void landlockReferForHiddenExdevOfJavaAndMvAndForPatterns() {
        assertThat(ids(explain("landlock-no-refer", "files-move", "file-cross-dir"))).containsExactly(Causes.LANDLOCK_REFER.id());
        assertThat(ids(explain("landlock-no-refer", "files-move", "dir-cross-dir"))).containsExactly(Causes.LANDLOCK_REFER.id());
        assertThat(ids(explain("landlock-no-refer", "mv", "dir-cross-dir"))).containsExactly(Causes.LANDLOCK_REFER.id());
        assertThat(ids(explain("landlock-no-refer", "link", "file-cross-dir"))).containsExactly(Causes.LANDLOCK_REFER.id());
        assertThat(ids(explain("landlock-no-refer", "pattern", "uv-cache-persist"))).containsExactly(Causes.LANDLOCK_REFER.id());
    }

    @Test
    void overlayAndLandlockTogetherListBothCausesForASeededDirectoryCrossDir() {
        // GIVEN an overlay (default options) probed under Landlock without REFER
        // WHEN a lower-layer directory moves to another directory
        List<Cause> both = explain("overlay-landlock-no-refer", "rename", "seeded-dir-cross-dir");
        // THEN both rules fire, each with its own evidence
        assertThat(ids(both)).containsExactlyInAnyOrder(Causes.OVERLAYFS_LOWER_DIR.id(), Causes.LANDLOCK_REFER.id());
        assertThat(evidence(both, Causes.OVERLAYFS_LOWER_DIR.id())).contains("seeded-dir-same-dir → EXDEV even without changing directory");
        assertThat(evidence(both, Causes.LANDLOCK_REFER.id())).contains("fresh objects fail the same way");

        // AND a lower-layer dir within one directory is only the overlay, a fresh dir across dirs only Landlock
        assertThat(ids(explain("overlay-landlock-no-refer", "rename", "seeded-dir-same-dir"))).containsExactly(Causes.OVERLAYFS_LOWER_DIR.id());
        assertThat(ids(explain("overlay-landlock-no-refer", "rename", "dir-cross-dir"))).containsExactly(Causes.LANDLOCK_REFER.id());
        assertThat(ids(explain("overlay-landlock-no-refer", "rename", "seeded-file-cross-dir"))).containsExactly(Causes.LANDLOCK_REFER.id());
    }

    @Test
    void seedReportIsLandlockNotOverlayNotNoreplace() {
        // GIVEN the seed report's environment: overlay + Landlock without REFER, uv's cache write
        List<Cause> uv = explain("overlay-landlock-no-refer", "pattern", "uv-cache-persist");
        List<Cause> noreplaceSameDir = Attribution.of(env("overlay-landlock-no-refer"))
                .explain(cell(env("overlay-landlock-no-refer"), "renameat2-noreplace", "dir-same-dir"));

        // THEN uv's EXDEV is Landlock's, and NOREPLACE in one directory is fine (nothing to explain)
        assertThat(ids(uv)).containsExactly(Causes.LANDLOCK_REFER.id());
        assertThat(cell(env("overlay-landlock-no-refer"), "renameat2-noreplace", "dir-same-dir").outcome()).isEqualTo("OK");
        assertThat(ids(noreplaceSameDir)).as("an OK cell has no cause but unknown").containsExactly(Causes.UNKNOWN.id());
    }

    @Test
    void seccompEnosysForRenameat2Only() {
        List<Cause> causes = explain("seccomp-renameat2-enosys", "renameat2-noreplace", "file-same-dir");

        assertThat(ids(causes)).containsExactly(Causes.SECCOMP.id());
        assertThat(evidence(causes, Causes.SECCOMP.id())).contains("Seccomp: 2 (filter mode)",
                "while rename × file-same-dir → OK", "renameat2 38/38", "never: files-move");
    }

    @Test
    void seccompEpermAlsoExplainsMvWhichCallsRenameat2() {
        List<Cause> causes = explain("seccomp-renameat2-eperm", "mv", "file-same-dir");

        assertThat(ids(causes)).containsExactly(Causes.SECCOMP.id());
        assertThat(evidence(causes, Causes.SECCOMP.id())).contains("mv calls renameat2(RENAME_NOREPLACE) first");
        assertThat(ids(explain("seccomp-renameat2-eperm", "pattern", "tempfile-noclobber-publish"))).containsExactly(Causes.SECCOMP.id());
    }
}
