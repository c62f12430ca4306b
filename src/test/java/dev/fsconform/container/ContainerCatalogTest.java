package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerCatalogTest {

    @Test
    void bundledCatalogCoversEveryDriverAndMount() {
        // GIVEN the catalogue shipped in the jar
        ContainerCatalog c = ContainerCatalog.bundled();

        // WHEN we look at its environments
        List<ContainerEnv> envs = c.environments();

        // THEN every storage driver has a rootfs, every mount kind is there, and the host engine gets the seccomp trio
        assertThat(envs).extracting(ContainerEnv::engine).containsAll(ContainerEnv.DRIVERS).contains(ContainerEnv.HOST);
        for (String driver : ContainerEnv.DRIVERS) {
            assertThat(envs).anyMatch(e -> e.engine().equals(driver) && e.mount() == Mount.ROOTFS);
        }
        assertThat(envs).extracting(ContainerEnv::mount).contains(Mount.values());
        assertThat(envs).extracting(ContainerEnv::seccomp)
                .contains("default", "unconfined", "seccomp-renameat2-enosys.json");
    }

    @Test
    void onlySelectsByNameOrGroupGlobs() {
        ContainerCatalog c = ContainerCatalog.bundled();

        assertThat(c.selectNames("docker-btrfs-*")).containsExactly("docker-btrfs-rootfs", "docker-btrfs-volume", "docker-btrfs-tmpfs");
        assertThat(c.selectNames("container-seccomp")).hasSize(2);
        assertThat(c.selectNames("plain,overlay-*")).isEmpty();
        assertThat(c.selectNames(null)).hasSameSizeAs(c.environments());
    }

    @Test
    void unknownFieldNamesTheEntryInOneLine() {
        String yaml = "environments:\n  - {name: a, group: g, description: d, engine: host, mount: rootfs, privileged: true}\n";

        assertThatThrownBy(() -> ContainerCatalog.parse(yaml, "x.yaml"))
                .isInstanceOf(InvalidContainersException.class)
                .hasMessage("x.yaml: environment #1 'a': unknown field 'privileged' (known: name, group, description, engine, mount, seccomp)");
    }

    @Test
    void unknownDriverAndMountAreRejectedWithTheKnownOnes() {
        String driver = "environments:\n  - {name: a, group: g, description: d, engine: zfs, mount: rootfs}\n";
        String mount = "environments:\n  - {name: a, group: g, description: d, engine: host, mount: nfs}\n";

        assertThatThrownBy(() -> ContainerCatalog.parse(driver, "x.yaml")).hasMessageContaining("environment #1 'a'")
                .hasMessageContaining("engine must be host or one of [overlay2, fuse-overlayfs, vfs, btrfs]");
        assertThatThrownBy(() -> ContainerCatalog.parse(mount, "x.yaml")).hasMessageContaining("unknown mount 'nfs'");
    }

    @Test
    void duplicateNamesAreRejected() {
        String yaml = "environments:\n  - {name: a, group: g, description: d, engine: host, mount: rootfs}\n"
                + "  - {name: a, group: g, description: d, engine: vfs, mount: rootfs}\n";

        assertThatThrownBy(() -> ContainerCatalog.parse(yaml, "x.yaml")).hasMessage("x.yaml: environment #2: name 'a' is used twice");
    }
}
