package dev.fsconform.cause;

import dev.fsconform.result.Answer;
import static dev.fsconform.testsupport.Canned.ran;
import static dev.fsconform.testsupport.Canned.sameMount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.Where;
import dev.fsconform.testsupport.Canned;
import dev.fsconform.testsupport.Recorded;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Cause rules on hand-made fingerprints: labels, ABIs, mount options the recordings do not cover. */
class CauseEdgeCasesTest {

    private static List<Cause> explain(EnvironmentResult env, String op, String scenario) {
        return Attribution.of(env).explain(Recorded.cell(env, op, scenario));
    }

    private static String ids(List<Cause> causes) {
        return causes.stream().map(Cause::id).collect(Collectors.joining(","));
    }

    private static String evidence(List<Cause> causes) {
        return causes.stream().flatMap(c -> c.evidence().stream()).collect(Collectors.joining("\n"));
    }

    @Test
    void anOverlayEioWithoutTheKernelsWarningStaysUnknown() {
        // GIVEN the 6.1 guest's EIO, but a mount whose kernel log said nothing about xattrs
        CauseRegistryTest.Witness w = CauseRegistryTest.overlayUpperWithoutXattrs();
        EnvironmentResult env = Canned.refingerprint(w.env(), f -> Canned.labels(f, Map.of()));
        // THEN no overlayfs xattr cause is guessed
        List<Cause> causes = Attribution.of(env).explain(w.cell());
        assertThat(ids(causes)).doesNotContain(Causes.OVERLAYFS_UPPER_NO_XATTR.id());
    }

    @Test
    void anOverlayEioIsNotBlamedOnXattrsWhenTheUpperLayerAloneFailsTheSame() {
        // GIVEN the warning, but a fresh (upper-only) control that failed with EIO as well
        CauseRegistryTest.Witness w = CauseRegistryTest.overlayUpperWithoutXattrs();
        Observation fresh = w.env().cells().get(1);
        Observation failedFresh = new Observation(fresh.operation(), fresh.scenario(), fresh.status(), null, "PARTIAL", null, null,
                "exit-1", "/usr/bin/mv: cannot remove 'x': Input/output error", fresh.postState(), fresh.where(), 1.0);
        EnvironmentResult env = Canned.env(w.env().fingerprint(), w.cell(), failedFresh);
        assertThat(ids(Attribution.of(env).explain(w.cell()))).doesNotContain(Causes.OVERLAYFS_UPPER_NO_XATTR.id());
        // AND with the clean control it is named, with the kernel's words
        List<Cause> causes = Attribution.of(w.env()).explain(w.cell());
        assertThat(ids(causes)).isEqualTo(Causes.OVERLAYFS_UPPER_NO_XATTR.id());
        assertThat(evidence(causes)).contains("failed to set xattr on upper", "control: mv × dir-same-dir → OK");
    }

    @Test
    void aDeclaredLandlockPolicyIsQuotedInsteadOfInferred() {
        // GIVEN the launcher declared the policy in labels
        EnvironmentResult env = Canned.refingerprint(Recorded.env("landlock-no-refer"),
                f -> Canned.labels(f, Map.of("landlock.policy", "no-refer", "landlock.refer", "false")));

        List<Cause> causes = explain(env, "rename", "dir-cross-dir");

        assertThat(ids(causes)).isEqualTo(Causes.LANDLOCK_REFER.id());
        assertThat(evidence(causes)).contains("declared by the launcher: Landlock no-refer (REFER denied)")
                .doesNotContain("inferred from controls");
    }

    @Test
    void aLabelGrantingReferRulesLandlockOutAndLeavesUnknownWithEvidence() {
        EnvironmentResult env = Canned.refingerprint(Recorded.env("landlock-no-refer"),
                f -> Canned.labels(f, Map.of("landlock.refer", "true")));

        List<Cause> causes = explain(env, "rename", "dir-cross-dir");

        assertThat(ids(causes)).isEqualTo(Causes.UNKNOWN.id());
        assertThat(evidence(causes)).contains("outcome: rename × dir-cross-dir → EXDEV", "sandbox Landlock (policy not named) (REFER granted)",
                "control: rename × dir-same-dir → OK", "Landlock ABI 7");
    }

    @Test
    void landlockAbiOneIsCalledOutAndNoLandlockAtAllRulesItOut() {
        EnvironmentResult abi1 = Canned.refingerprint(Recorded.env("landlock-no-refer"),
                f -> Canned.with(f, 0, 1, f.capEff(), null, f.mounts(), Map.of()));
        EnvironmentResult none = Canned.refingerprint(Recorded.env("landlock-no-refer"),
                f -> Canned.with(f, 0, 0, f.capEff(), null, f.mounts(), Map.of()));

        assertThat(evidence(explain(abi1, "rename", "dir-cross-dir"))).contains("Landlock ABI 1", "REFER cannot be granted at all");
        assertThat(ids(explain(none, "rename", "dir-cross-dir"))).as("no Landlock on the kernel").isEqualTo(Causes.UNKNOWN.id());
    }

    @Test
    void whiteoutRefusedByOverlayIsNotBlamedOnTheFilterOfAContainer() {
        // GIVEN overlay cells probed in a process under a seccomp filter, as in a podman or Docker container
        EnvironmentResult filtered = Canned.refingerprint(Recorded.env("overlay-on"),
                f -> Canned.with(f, 2, f.landlockAbi(), f.capEff(), null, f.mounts(), Map.of()));

        // WHEN the EINVAL that kernel overlayfs gives RENAME_WHITEOUT by itself is explained
        List<Cause> whiteout = explain(filtered, "renameat2-whiteout", "file-same-dir");

        // THEN seccomp is not named for it, while the filter is still named where the errno follows the syscall
        assertThat(Recorded.cell(filtered, "renameat2-whiteout", "file-same-dir").outcome()).isEqualTo("EINVAL");
        assertThat(ids(whiteout)).doesNotContain(Causes.SECCOMP.id());
        assertThat(ids(explain(Recorded.env("seccomp-renameat2-enosys"), "renameat2", "file-same-dir"))).isEqualTo(Causes.SECCOMP.id());
    }

    @Test
    void overlayWithRedirectDirOnIsNotBlamedAndUserxattrIsNoted() {
        EnvironmentResult on = Canned.refingerprint(Recorded.env("overlay-off"), f -> withOverlayOptions(f, "rw,redirect_dir=on"));
        EnvironmentResult userxattr = Canned.refingerprint(Recorded.env("overlay-off"),
                f -> withOverlayOptions(f, "rw,redirect_dir=on,userxattr"));

        assertThat(ids(explain(on, "rename", "seeded-dir-cross-dir"))).isEqualTo(Causes.UNKNOWN.id());
        List<Cause> ux = explain(userxattr, "rename", "seeded-dir-cross-dir");
        assertThat(ids(ux)).isEqualTo(Causes.OVERLAYFS_LOWER_DIR.id());
        assertThat(evidence(ux)).contains("userxattr is set, which forces redirect_dir off");
    }

    @Test
    void seccompNeedsFilterMode() {
        // GIVEN renameat2 answers ENOSYS but the process has no seccomp filter (an old kernel would)
        EnvironmentResult env = Canned.refingerprint(Recorded.env("seccomp-renameat2-enosys"),
                f -> Canned.with(f, 0, f.landlockAbi(), f.capEff(), null, f.mounts(), f.labels()));

        List<Cause> causes = explain(env, "renameat2", "file-same-dir");

        assertThat(ids(causes)).isEqualTo(Causes.UNKNOWN.id());
        assertThat(evidence(causes)).contains("seccomp mode 0");
    }

    @Test
    void seccompNeedsTheErrnoToFollowTheSyscall() {
        // GIVEN every call on the fixture answers EPERM under a filter: nothing is syscall-specific
        Fingerprint fp = Canned.with(Canned.fingerprint(), 2, 7, Canned.ROOT_CAPS, null, List.of(Canned.EXT4), Map.of());
        EnvironmentResult env = Canned.env(fp, ran("rename", "file-same-dir", "EPERM", sameMount()),
                ran("renameat2", "file-same-dir", "EPERM", sameMount()));

        assertThat(ids(explain(env, "renameat2", "file-same-dir"))).isEqualTo(Causes.UNKNOWN.id());
    }

    @Test
    void otherFuseFilesystemsAreFuse() {
        MountFacts sshfs = new MountFacts("primary", "/mnt/s", 50, "0:60", "/mnt/s", "fuse.sshfs", "host:", "rw", "rw", "fuse");
        Fingerprint fp = Canned.with(Canned.fingerprint(), 0, 7, Canned.ROOT_CAPS, null, List.of(sshfs), Map.of());
        Where w = new Where(50, 50, "0:60", "0:60", "fuse", "fuse", false);
        EnvironmentResult env = Canned.env(fp, ran("rename", "file-cross-dir", "EXDEV", w), ran("rename", "file-same-dir", "EXDEV", w));

        List<Cause> causes = explain(env, "rename", "file-cross-dir");

        assertThat(ids(causes)).isEqualTo(Causes.FUSE.id());
        assertThat(evidence(causes)).contains("fuse.sshfs");
    }

    @Test
    void withXinoOnTheInodeRuleStaysSilentAndTheCellIsUnknown() {
        // GIVEN the recorded two-filesystem overlay, but its options now promise uniform inode numbers
        EnvironmentResult env = Canned.refingerprint(Recorded.env("overlay-other-fs"),
                f -> withOverlayOptions(f, "rw,lowerdir=/l,upperdir=/u,workdir=/w,xino=on"));

        // WHEN the link whose new name showed another st_ino is explained
        List<Cause> causes = explain(env, "link", "seeded-file-same-dir");

        // THEN no rule claims it: the kernel broke its own promise, and all evidence is kept
        assertThat(ids(causes)).isEqualTo(Causes.UNKNOWN.id());
        assertThat(evidence(causes)).contains("xino=on");
    }

    @Test
    void aLinkCellWithoutWhereFromAnOlderOrForeignFileIsUnknownNotACrash() {
        // GIVEN the overlay link cell of a results file that did not record where the call ran
        Observation recorded = Recorded.cell(Recorded.env("overlay-other-fs"), "link", "seeded-file-same-dir");
        Observation noWhere = Observation.ran(recorded.cell(), Answer.of(recorded.outcome()), recorded.postState(), null, 1.0);

        // WHEN it is explained THEN no rule can claim it, and all that is known is kept
        List<Cause> causes = Attribution.of(Canned.env(Canned.fingerprint(), noWhere)).explain(noWhere);
        assertThat(ids(causes)).isEqualTo(Causes.UNKNOWN.id());
    }

    @Test
    void aFuseMountAcrossAMountBoundaryIsOnlyTheBoundary() {
        // GIVEN sshfs as the source and another mount as the target
        MountFacts sshfs = new MountFacts("primary", "/mnt/s", 50, "0:60", "/mnt/s", "fuse.sshfs", "host:", "rw", "rw", "fuse");
        Fingerprint fp = Canned.with(Canned.fingerprint(), 0, 7, Canned.ROOT_CAPS, null, List.of(sshfs, Canned.TMPFS), Map.of());
        Where w = new Where(50, 30, "0:60", "0:27", "fuse", "tmpfs", false);
        EnvironmentResult env = Canned.env(fp, ran("rename", "cross-mount-file", "EXDEV", w));

        // THEN the VFS refused before the FUSE server was asked
        assertThat(ids(explain(env, "rename", "cross-mount-file"))).isEqualTo(Causes.MOUNT_BOUNDARY.id());
    }

    @Test
    void anEnosysThatNoRuleExplainsStillGetsAllTheEvidence() {
        Observation cell = ran("rename", "file-same-dir", "ENOSYS", sameMount());
        List<Cause> causes = Attribution.of(Canned.env(cell)).explain(cell);

        assertThat(ids(causes)).isEqualTo(Causes.UNKNOWN.id());
        assertThat(causes.get(0).evidence()).anySatisfy(e -> assertThat(e).contains("kernel 6.18.44", "seccomp mode 0"));
        assertThat(causes.get(0).fix()).isNotBlank();
    }

    private static Fingerprint withOverlayOptions(Fingerprint f, String superOptions) {
        List<MountFacts> mounts = f.mounts().stream().map(m -> m.statfsType().equals("overlayfs")
                ? new MountFacts(m.role(), m.path(), m.mountId(), m.dev(), m.mountPoint(), m.fsType(), m.source(),
                        m.mountOptions(), superOptions, m.statfsType())
                : m).toList();
        return Canned.with(f, f.seccompMode(), f.landlockAbi(), f.capEff(), f.landlockRestricted(), mounts, f.labels());
    }

    @Test
    void erofsIsAReadOnlyMountOnlyWhenTheFreshTwinWasNotRefusedToo() {
        Where ro = new Where(41, 41, "254:0", "254:0", "ext4", "ext4", true);
        Observation seeded = ran("rename", "seeded-dir-same-dir", "EROFS", ro);

        // GIVEN the fresh twin in the writable scratch directory renamed fine THEN the read-only mount is named, with the control
        List<Cause> shown = Attribution.of(Canned.env(seeded, ran("rename", "dir-same-dir", "OK", sameMount()))).explain(seeded);
        assertThat(ids(shown)).isEqualTo(Causes.READ_ONLY_MOUNT.id());
        assertThat(evidence(shown)).contains("mnt_want_write", "control: rename × dir-same-dir → OK");

        // GIVEN the fresh twin got EROFS as well (a filter answering EROFS for the call) THEN the rule stays silent
        List<Cause> filtered = Attribution.of(Canned.env(seeded, ran("rename", "dir-same-dir", "EROFS", sameMount()))).explain(seeded);
        assertThat(ids(filtered)).isEqualTo(Causes.UNKNOWN.id());

        // GIVEN EROFS on a fresh cell THEN nothing says the seeded tree is read-only
        Observation fresh = ran("rename", "dir-same-dir", "EROFS", sameMount());
        assertThat(ids(Attribution.of(Canned.env(fresh)).explain(fresh))).isEqualTo(Causes.UNKNOWN.id());
    }
}
