package dev.fsconform.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContainerCatalogTest {

    @Test
    void bundledCatalogCoversEveryDriverAndMount() {
        // GIVEN the catalogue shipped in the jar
        ContainerCatalog c = ContainerCatalog.standard();

        // WHEN we look at its environments
        List<ContainerEnv> envs = c.environments();

        // THEN every engine kind and each of its storage drivers has a rootfs, every generation runs every
        // inner driver, every mount kind is there, and the JVM's engine gets the seccomp trio
        assertThat(envs).extracting(ContainerEnv::engine).contains(EngineKind.values());
        for (EngineKind kind : EngineKind.values()) {
            for (String driver : kind.drivers()) {
                assertThat(envs).as("%s on %s", kind.id(), driver)
                        .anyMatch(e -> e.engine() == kind && driver.equals(e.driver()) && e.mount() == Mount.ROOTFS);
            }
        }
        for (String gen : List.of("docker-20.10", "docker-26.1", "docker-28.5")) {
            // btrfs runs on the default generation only (see containers.yaml)
            for (String driver : gen.equals("docker-20.10") ? EngineKind.DIND.drivers() : List.of("overlay2", "fuse-overlayfs", "vfs")) {
                assertThat(envs).as("%s on %s", gen, driver).anyMatch(e -> e.generation() != null && e.generation().id().equals(gen)
                        && driver.equals(e.driver()) && e.mount() == Mount.ROOTFS);
            }
        }
        assertThat(envs).extracting(ContainerEnv::runtime).contains("crun");
        assertThat(envs).extracting(ContainerEnv::mount).contains(Mount.values());
        assertThat(envs).extracting(ContainerEnv::seccomp)
                .contains("default", "unconfined", "seccomp-renameat2-enosys.json");
    }

    @Test
    void onlySelectsByNameOrGroupGlobs() {
        ContainerCatalog c = ContainerCatalog.standard();

        assertThat(c.selectNames("docker-vfs-*")).containsExactly("docker-vfs-rootfs", "docker-vfs-rootfs@docker-26.1",
                "docker-vfs-rootfs@docker-28.5", "docker-vfs-volume", "docker-vfs-volume@docker-26.1", "docker-vfs-volume@docker-28.5",
                "docker-vfs-tmpfs", "docker-vfs-tmpfs@docker-26.1", "docker-vfs-tmpfs@docker-28.5");
        assertThat(c.selectNames("docker-btrfs-*")).containsExactly("docker-btrfs-rootfs", "docker-btrfs-rootfs@docker-26.1",
                "docker-btrfs-rootfs@docker-28.5", "docker-btrfs-volume", "docker-btrfs-volume@docker-26.1",
                "docker-btrfs-volume@docker-28.5", "docker-btrfs-tmpfs", "docker-btrfs-tmpfs@docker-26.1", "docker-btrfs-tmpfs@docker-28.5");
        // every driver's three mounts, and gVisor's rootfs over each driver
        assertThat(c.selectNames("*@docker-26.1")).hasSize(16);
        assertThat(c.selectNames("docker-runsc-*-rootfs@docker-28.5")).hasSize(4);
        assertThat(c.selectNames("container-seccomp")).hasSize(2);
        assertThat(c.selectNames("plain,overlay-*")).isEmpty();
        assertThat(c.selectNames(null)).hasSameSizeAs(c.environments());
    }

    @Test
    void unknownFieldNamesTheEntryInOneLine() {
        String yaml = "environments:\n  - {name: a, group: g, description: d, engine: docker, mount: rootfs, privileged: true}\n";

        assertThatThrownBy(() -> ContainerCatalog.parse(yaml, "x.yaml"))
                .isInstanceOf(InvalidContainersException.class)
                .hasMessage("x.yaml: environment #1 'a': unknown field 'privileged' (known: name, group, description, engine, driver, runtime, mount, seccomp, also-on, apps)");
    }

    @Test
    void appsAreJobIdsOnAnyEngineAndAnInnerEngineServesBothImages() {
        String ok = "environments:\n  - {name: a, group: g, description: d, engine: docker, mount: rootfs, apps: 'git,mv'}\n";
        String unknown = "environments:\n  - {name: a, group: g, description: d, engine: docker, mount: rootfs, apps: gti}\n";
        String inner = "generations: {docker-20.10: bookworm}\nenvironments:\n"
                + "  - {name: a, group: g, description: d, engine: dind, driver: vfs, mount: rootfs, apps: all}\n"
                + "  - {name: b, group: g, description: d, engine: dind, driver: vfs, mount: tmpfs}\n";

        assertThat(ContainerCatalog.parse(ok, "x.yaml").environments().get(0).apps()).isEqualTo("git,mv");
        assertThat(ContainerCatalog.parse(ok, "x.yaml").environments().get(0).engineKey()).isEqualTo("docker+apps");
        assertThatThrownBy(() -> ContainerCatalog.parse(unknown, "x.yaml")).isInstanceOf(InvalidContainersException.class)
                .hasMessageStartingWith("x.yaml: environment #1 'a': unknown app job 'gti' (known: all, none, git,");
        // An inner engine with one environment that runs the tools and one that does not: one engine, both images.
        List<ContainerEnv> envs = ContainerCatalog.parse(inner, "x.yaml").environments();
        assertThat(envs.get(0).apps()).isEqualTo("all");
        assertThat(envs.get(0).engineKey()).isEqualTo(envs.get(1).engineKey());
    }

    @Test
    void unknownDriverAndMountAreRejectedWithTheKnownOnes() {
        String engine = "environments:\n  - {name: a, group: g, description: d, engine: zfs, mount: rootfs}\n";
        String driver = "environments:\n  - {name: a, group: g, description: d, engine: podman, driver: overlay2, mount: rootfs}\n";
        String mount = "environments:\n  - {name: a, group: g, description: d, engine: docker, mount: nfs}\n";

        assertThatThrownBy(() -> ContainerCatalog.parse(engine, "x.yaml")).hasMessageContaining("environment #1 'a'")
                .hasMessageContaining("engine must be one of docker, dind, podman, podman-rootless");
        assertThatThrownBy(() -> ContainerCatalog.parse(driver, "x.yaml"))
                .hasMessage("x.yaml: environment #1 'a': engine podman needs a driver, one of [overlay, fuse-overlayfs, vfs] (got 'overlay2')");
        assertThatThrownBy(() -> ContainerCatalog.parse(mount, "x.yaml")).hasMessageContaining("unknown mount 'nfs'");
    }

    @Test
    void duplicateNamesAreRejected() {
        String yaml = "environments:\n  - {name: a, group: g, description: d, engine: docker, mount: rootfs}\n"
                + "  - {name: a, group: g, description: d, engine: podman, driver: vfs, mount: rootfs}\n";

        assertThatThrownBy(() -> ContainerCatalog.parse(yaml, "x.yaml")).hasMessage("x.yaml: environment #2: name 'a' is used twice");
    }

    @Test
    void aDindEntryRunsOnTheDefaultGenerationAndOnEachItIsAlsoOn() {
        // GIVEN two generations and one dind entry also on the second
        String yaml = "generations: {docker-20.10: bookworm, docker-26.1: trixie}\nenvironments:\n"
                + "  - {name: a, group: g, description: d, engine: dind, driver: vfs, mount: rootfs, also-on: [docker-26.1]}\n";

        // WHEN it is parsed
        List<ContainerEnv> envs = ContainerCatalog.parse(yaml, "x.yaml").environments();

        // THEN the default generation keeps the name, the other one is NAME@GENERATION on its own engine
        assertThat(envs).extracting(ContainerEnv::name).containsExactly("a", "a@docker-26.1");
        assertThat(envs).extracting(e -> e.generation().suite()).containsExactly("bookworm", "trixie");
        assertThat(envs).extracting(ContainerEnv::engineKey).containsExactly("dind-vfs@docker-20.10", "dind-vfs@docker-26.1");
    }

    @Test
    void everyEngineOfTheStandardCatalogueHasItsOwnShortDirectory() {
        // GIVEN the standard catalogue's engines
        List<ContainerEnv> envs = ContainerCatalog.standard().environments();

        // THEN each engine key names one directory, short enough that RUN_DIR/NAME/docker.sock stays a
        // valid Unix socket path under a run directory of 70 bytes
        Map<String, String> dirByKey = new TreeMap<>();
        envs.forEach(e -> dirByKey.put(e.engineKey(), e.engineDirName()));
        assertThat(new HashSet<>(dirByKey.values())).as("one directory per engine").hasSameSizeAs(dirByKey.keySet());
        assertThat(dirByKey.values()).allSatisfy(d -> assertThat(70 + 1 + d.length() + "/docker.sock".length()).isLessThan(108));
    }

    @Test
    void generationsAreCheckedWhereTheyAreNamed() {
        String unknown = "generations: {docker-20.10: bookworm}\nenvironments:\n"
                + "  - {name: a, group: g, description: d, engine: dind, driver: vfs, mount: rootfs, also-on: [docker-99.0]}\n";
        String notDind = "generations: {docker-20.10: bookworm, docker-26.1: trixie}\nenvironments:\n"
                + "  - {name: a, group: g, description: d, engine: docker, mount: rootfs, also-on: [docker-26.1]}\n";
        String badId = "generations: {trixie: docker-26.1}\nenvironments:\n"
                + "  - {name: a, group: g, description: d, engine: docker, mount: rootfs}\n";

        assertThatThrownBy(() -> ContainerCatalog.parse(unknown, "x.yaml"))
                .hasMessage("x.yaml: environment #1 'a': also-on: unknown generation 'docker-99.0' (known: [docker-20.10])");
        assertThatThrownBy(() -> ContainerCatalog.parse(notDind, "x.yaml")).hasMessageContaining("only for engine dind");
        assertThatThrownBy(() -> ContainerCatalog.parse(badId, "x.yaml")).hasMessageContaining("generation ids look like docker-26.1");
    }

    @Test
    void aGenerationMatchesItsOwnVersionsOnly() {
        Generation g = new Generation("docker-26.1", "trixie");

        assertThat(g.matches("26.1.5+dfsg1")).isTrue();
        assertThat(g.matches("26.1")).isTrue();
        assertThat(g.matches("26.10.0")).as("26.10 is another minor").isFalse();
        assertThat(g.matches("28.5.2+dfsg4")).isFalse();
    }
}
