package dev.fsconform.cause;

import dev.fsconform.verdict.CellLabel;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The registry is complete: every entry has its page, every page an entry, and every cause fires on at
 * least one witness — a cell a real environment recorded where one exists, else a focused synthetic
 * observation. A new cause fails here until it has all three.
 */
class CauseRegistryTest {
    /** A cell and the environment whose other cells are its controls. */
    record Witness(EnvironmentResult env, Observation cell) {
        static Witness recorded(String name, String op, String scenario) {
            EnvironmentResult env = Recorded.env(name);
            return new Witness(env, Recorded.cell(env, op, scenario));
        }
    }

    private static final Map<Causes, Supplier<Witness>> WITNESSES = Map.ofEntries(
            Map.entry(Causes.MOUNT_BOUNDARY, () -> Witness.recorded("host", "rename", "cross-mount-file")),
            Map.entry(Causes.GVISOR_TMP_TMPFS, () -> Witness.recorded("docker-runsc-volume", "rename", "cross-mount-file")),
            Map.entry(Causes.GVISOR_COPY_UP, () -> Witness.recorded("docker-runsc-rootfs", "rename", "seeded-dir-same-dir")),
            Map.entry(Causes.GVISOR_RENAME_FLAGS, () -> Witness.recorded("docker-runsc-rootfs", "renameat2-exchange", "file-onto-file-same-dir")),
            Map.entry(Causes.BTRFS_SUBVOLUME, () -> Witness.recorded("btrfs-subvolume", "rename", "cross-mount-file")),
            Map.entry(Causes.READ_ONLY_MOUNT, CauseRegistryTest::readOnlySeedTree),
            Map.entry(Causes.OVERLAYFS_LOWER_DIR, () -> Witness.recorded("overlay-off", "rename", "seeded-dir-same-dir")),
            Map.entry(Causes.OVERLAYFS_INODE_NUMBER, () -> Witness.recorded("overlay-other-fs", "link", "seeded-file-same-dir")),
            Map.entry(Causes.OVERLAYFS_UPPER_NO_XATTR, CauseRegistryTest::overlayUpperWithoutXattrs),
            Map.entry(Causes.FUSE_OVERLAYFS, () -> Witness.recorded("fuse-overlayfs", "rename", "seeded-dir-cross-dir")),
            Map.entry(Causes.FUSE, CauseRegistryTest::sshfs),
            Map.entry(Causes.LANDLOCK_REFER, () -> Witness.recorded("landlock-no-refer", "rename", "file-cross-dir")),
            Map.entry(Causes.SECCOMP, () -> Witness.recorded("seccomp-renameat2-enosys", "renameat2", "file-same-dir")),
            Map.entry(Causes.UNKNOWN, CauseRegistryTest::unexplainedEnosys));

    @Test
    void everyEntryHasItsPageAndEveryPageAnEntry() throws IOException {
        for (Causes c : Causes.values()) {
            Path page = Path.of(c.page());
            assertThat(page).as("page of cause %s", c.id()).isRegularFile();
            assertThat(Files.readString(page)).as("%s", page).startsWith("# Cause `" + c.id() + "`").contains("## References");
            assertThat(c.title()).as("title of %s", c.id()).isNotBlank();
            assertThat(c.fix()).as("fix of %s", c.id()).isNotBlank();
        }
        try (Stream<Path> pages = Files.list(Path.of("docs", "causes"))) {
            Set<String> documented = pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - ".md".length())).collect(Collectors.toSet());
            assertThat(documented).as("pages in docs/causes").containsExactlyInAnyOrderElementsOf(Causes.ids());
        }
    }

    @Test
    void idsAreUniqueAndOnlyTheFallbackHasNoRuleOfItsOwn() {
        assertThat(Causes.ids()).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(Stream.of(Causes.values()).filter(c -> c.scope() == Causes.Scope.FALLBACK)).containsExactly(Causes.UNKNOWN);
        assertThat(Causes.ids().get(Causes.ids().size() - 1)).as("the fallback comes last").isEqualTo(Causes.UNKNOWN.id());
    }

    @ParameterizedTest
    @EnumSource(Causes.class)
    void everyCauseFiresOnAWitness(Causes cause) {
        // GIVEN the witness of this cause
        Supplier<Witness> witness = WITNESSES.get(cause);
        assertThat(witness).as("cause %s has no witness: add a recorded or synthetic cell to WITNESSES", cause.id()).isNotNull();
        Witness w = witness.get();

        // WHEN its cell is explained
        List<Cause> causes = Attribution.of(w.env()).explain(w.cell());

        // THEN this cause is among those found, with evidence, its title and its fix
        assertThat(causes).extracting(Cause::id).as("causes of %s", CellLabel.of(w.cell())).contains(cause.id());
        Cause found = causes.stream().filter(c -> c.id().equals(cause.id())).findFirst().orElseThrow();
        assertThat(found.evidence()).isNotEmpty();
        assertThat(found.title()).isEqualTo(cause.title());
        assertThat(found.fix()).isEqualTo(cause.fix());
    }

    /** No FUSE environment other than fuse-overlayfs is recorded: an sshfs mount refusing a rename. */
    private static Witness sshfs() {
        MountFacts sshfs = new MountFacts("primary", "/mnt/s", 50, "0:60", "/mnt/s", "fuse.sshfs", "host:", "rw", "rw", "fuse");
        Fingerprint fp = Canned.with(Canned.fingerprint(), 0, 7, Canned.ROOT_CAPS, null, List.of(sshfs), Map.of());
        Where w = new Where(50, 50, "0:60", "0:60", "fuse", "fuse", false);
        Observation cell = ran("rename", "file-cross-dir", "EXDEV", w);
        return new Witness(Canned.env(fp, cell, ran("rename", "file-same-dir", "EXDEV", w)), cell);
    }

    /**
     * As overlay-userxattr@kernel-6.1 measured it: the upper layer on a tmpfs without user.* xattrs,
     * the kernel's warning at mount time, and mv unable to remove the seeded source it had copied.
     */
    static Witness overlayUpperWithoutXattrs() {
        MountFacts ovl = new MountFacts("primary", "/run/w/fs", 60, "0:70", "/run/w/fs", "overlay", "fsconform-overlay",
                "rw,relatime", "rw,lowerdir=/run/w/seed,upperdir=/run/w/upper,workdir=/run/w/work,userxattr", "overlayfs");
        Fingerprint fp = Canned.with(Canned.fingerprint(), 0, 2, Canned.ROOT_CAPS, null, List.of(ovl),
                Map.of(Fingerprint.OVERLAY_KERNEL_LOG, "overlayfs: failed to set xattr on upper; overlayfs: ...falling back to xino=off."));
        Where w = new Where(60, 60, "0:70", "0:70", "overlayfs", "overlayfs", true);
        Observation cell = ran("mv", "seeded-dir-same-dir", "PARTIAL", null, w)
                .withDetail("/usr/bin/mv: cannot remove '/run/w/fs/fsconform-seed/seeded-dir-same-dir/mv/a/src': Input/output error");
        Where fresh = new Where(60, 60, "0:70", "0:70", "overlayfs", "overlayfs", false);
        return new Witness(Canned.env(fp, cell, ran("mv", "dir-same-dir", "OK", fresh)), cell);
    }

    /** No read-only environment is recorded: the seeded tree on a read-only bind mount of its own (mount 41) in a writable ext4. */
    private static Witness readOnlySeedTree() {
        Where ro = new Where(41, 41, "254:0", "254:0", "ext4", "ext4", true);
        Observation cell = ran("rename", "seeded-dir-same-dir", "EROFS", ro);
        return new Witness(Canned.env(cell, ran("rename", "dir-same-dir", "OK", sameMount())), cell);
    }

    /** Recorded environments are all explained: an ENOSYS on a plain ext4 mount without a seccomp filter is not. */
    private static Witness unexplainedEnosys() {
        Observation cell = ran("rename", "file-same-dir", "ENOSYS", sameMount());
        return new Witness(Canned.env(cell), cell);
    }
}
