package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading matrix/kernels.yaml, choosing kernels and their rows, and one-line errors for bad input. */
class KernelCatalogTest {
    private static final String ORIGIN = "k.yaml";
    private static final String DEFAULTS = "defaults:\n  environments: [tmpfs, landlock-*]\n";

    private static KernelCatalog parse(String kernels) {
        return KernelCatalog.parse(DEFAULTS + "kernels:\n" + kernels, ORIGIN);
    }

    @Test
    void theRepositoryFileNamesFourSuitesAndItsCoreSetExists() {
        KernelCatalog k = KernelCatalog.standard();
        EnvironmentCatalog envs = EnvironmentCatalog.standard();
        k.check(envs);
        assertThat(k.kernels()).extracting(Kernel::suite).containsExactly("bullseye", "bookworm", "trixie", "sid");
        assertThat(k.ciNames()).as("CI boots the oldest and the newest").containsExactly("5.10", "sid");
        Kernel oldest = k.kernels().get(0);
        assertThat(oldest.environments()).contains("tmpfs", "overlay-default", "landlock-best-effort", "landlock-abi1",
                "seccomp-renameat2-enosys");
        assertThat(oldest.timeoutSeconds()).isEqualTo(1200);
    }

    @Test
    void rowsAreNamedByKernelAndOnlyMatchesPlainOrRowNames() {
        KernelCatalog k = parse("  - {name: \"6.1\", suite: bookworm, package: linux-image-amd64, description: d}\n"
                + "  - {name: \"5.10\", suite: bullseye, package: linux-image-amd64, description: d, environments: [tmpfs]}\n");
        EnvironmentCatalog envs = EnvironmentCatalog.standard();
        List<String> all = KernelLab.select(k, "all");
        assertThat(KernelLab.rowNames(k, envs, all, "tmpfs")).containsExactly("tmpfs@kernel-6.1", "tmpfs@kernel-5.10");
        assertThat(KernelLab.rowNames(k, envs, all, "*@kernel-5.10")).containsExactly("tmpfs@kernel-5.10");
        assertThat(KernelLab.rowNames(k, envs, List.of("6.1"), "landlock")).contains("landlock-abi1@kernel-6.1")
                .allMatch(n -> n.startsWith("landlock-"));
        assertThat(KernelLab.select(k, "none")).isEmpty();
    }

    @Test
    void guestsRunNoAppJobsUnlessTheFileOrAKernelAsks() {
        assertThat(KernelCatalog.load(Path.of("matrix", "kernels.yaml")).kernels()).extracting(Kernel::apps).containsOnly("none");
        KernelCatalog k = parse("  - {name: \"6.1\", suite: bookworm, package: linux-image-amd64, description: d, apps: \"git,npm\"}\n"
                + "  - {name: \"5.10\", suite: bullseye, package: linux-image-amd64, description: d}\n");
        assertThat(k.kernels()).extracting(Kernel::apps).containsExactly("git,npm", "none");
        assertThatThrownBy(() -> parse("  - {name: \"6.1\", suite: bookworm, package: linux-image-amd64, description: d, apps: \"a b\"}\n"))
                .isInstanceOf(InvalidEnvironmentsException.class).hasMessageContaining("apps must be none, all or job ids");
    }

    @Test
    void anUnknownKernelNameIsBadInputNamingTheKnownOnes() {
        KernelCatalog k = parse("  - {name: \"6.1\", suite: bookworm, package: linux-image-amd64, description: d}\n");
        assertThatThrownBy(() -> KernelLab.select(k, "6.1,4.19")).isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage("--kernels: no kernel '4.19' in k.yaml (known: 6.1, or all, ci, none)");
    }

    @Test
    void anEnvironmentNoCatalogueEntryMatchesFailsBeforeAnyBoot() {
        KernelCatalog k = parse("  - {name: \"6.1\", suite: bookworm, package: linux-image-amd64, description: d, environments: [zfs]}\n");
        EnvironmentCatalog envs = EnvironmentCatalog.standard();
        assertThatThrownBy(() -> k.check(envs))
                .isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage("k.yaml: kernel '6.1': environment 'zfs' matches nothing in " + envs.origin());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad name | {name: Six, suite: bookworm, package: p, description: d} | k.yaml: kernel #1 'Six': name must be lower-case letters, digits and dots (got 'Six')",
        "no suite | {name: x, package: p, description: d} | k.yaml: kernel #1 'x': suite must name a Debian suite such as bookworm (got null)",
        "bad package | {name: x, suite: sid, package: 'a b', description: d} | k.yaml: kernel #1 'x': package must name a Debian package (got 'a b')",
        "unknown field | {name: x, suite: sid, package: p, description: d, arch: arm64} | k.yaml: kernel #1 'x': unknown field 'arch' (known: apps, ci, description, environments, name, package, suite, timeoutSeconds)",
        "short timeout | {name: x, suite: sid, package: p, description: d, timeoutSeconds: 5} | k.yaml: kernel #1 'x': timeoutSeconds must be between 30 and 7200 (got 5)",
    })
    void badEntriesAreOneLineErrorsNamingTheEntry(String what, String entry, String message) {
        assertThatThrownBy(() -> parse("  - " + entry + "\n")).as(what).isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage(message);
    }

    @Test
    void twoKernelsOfOneNameAndAMissingCoreSetAreRefused() {
        assertThatThrownBy(() -> parse("  - {name: a, suite: sid, package: p, description: d}\n"
                + "  - {name: a, suite: trixie, package: p, description: d}\n"))
                .hasMessage("k.yaml: kernel #2 'a': the name is already used by kernel #1");
        assertThatThrownBy(() -> KernelCatalog.parse("kernels: [{name: a, suite: sid, package: p, description: d}]", ORIGIN))
                .hasMessage("k.yaml: 'defaults.environments' must list the core set");
    }
}
