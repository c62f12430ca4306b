package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading and validating environment definitions: the repository's file, and one-line errors for bad ones. */
class EnvironmentCatalogTest {
    private static final String ORIGIN = "test.yaml";

    private static EnvironmentCatalog parse(String environments) {
        return EnvironmentCatalog.parse("environments:\n" + environments, ORIGIN);
    }

    private static String entry(String name, String backend) {
        return "  - name: " + name + "\n    group: g\n    description: d\n    backend: " + backend + "\n";
    }

    @Test
    void theRepositoryFileLoadsWithAtLeastTwentyHostEnvironments() {
        EnvironmentCatalog c = EnvironmentCatalog.standard();
        assertThat(c.environments()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(c.names()).doesNotHaveDuplicates().contains("overlay-redirect-off", "bind-pair", "landlock-no-refer");
        assertThat(c.environments()).allSatisfy(e -> assertThat(e.timeoutSeconds()).isPositive());
    }

    @Test
    void backendsAndSandboxesDescribeThemselvesInLabels() {
        EnvironmentCatalog c = parse(entry("ov", "{kind: overlay, options: redirect_dir=on, lowers: 2}")
                + "    sandbox: {landlock: no-refer}\n");
        Environment e = c.environments().get(0);
        assertThat(e.labels()).containsEntry("backend", "overlay").containsEntry("backend.options", "redirect_dir=on")
                .containsEntry("backend.lowers", "2").containsEntry("backend.upper", "loop-fs")
                .containsEntry("landlock.policy", "no-refer").containsEntry("landlock.refer", "denied")
                .doesNotContainKeys("sandbox.landlock", "landlock.restricted")
                .containsEntry("group", "g");
        assertThat(e.timeoutSeconds()).isEqualTo(120);
    }

    @Test
    void nestedBackendsCompose() {
        Environment e = parse(entry("p", "{kind: pair, primary: {kind: tmpfs}, second: {kind: dir, under: /dev/shm}}"))
                .environments().get(0);
        assertThat(e.backend()).isEqualTo(new Pair(new Tmpfs(null), new PlainDir("/dev/shm")));
        assertThat(e.backend().requires().externalParents()).containsExactly(Path.of("/dev/shm"));
        assertThat(e.backend().requires().privileged()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown kind | {kind: zfs} | test.yaml: environment #1 'x': backend: unknown kind 'zfs' (known: KINDS)",
        "missing kind | {fs: ext4} | test.yaml: environment #1 'x': backend: missing 'kind' (known: KINDS)",
        "unknown field | {kind: tmpfs, size: 1G} | test.yaml: environment #1 'x': unknown field 'size' in backend (known: options)",
        "bad size | {kind: loop-fs, fs: ext4, size: big} | test.yaml: environment #1 'x': backend: size must look like 64M, 1G or 300000000 (got 'big')",
        "unknown fs | {kind: loop-fs, fs: zfs, size: 1G} | test.yaml: environment #1 'x': backend: fs must be one of ext4, xfs, btrfs (got 'zfs')",
        "lab-owned option | {kind: overlay, options: 'lowerdir=/'} | test.yaml: environment #1 'x': backend: options must not set lowerdir: the lab provides the layers",
        "userns upper | {kind: overlay, userns: true, upper: {kind: loop-fs, fs: ext4, size: 64M}} | test.yaml: environment #1 'x': backend: upper must be a dir or tmpfs in a user namespace (got loop-fs)",
        "nested error | {kind: pair, primary: {kind: tmpfs}, second: {kind: dir, under: shm}} | test.yaml: environment #1 'x': backend.second: under must be an absolute path (got 'shm')",
        "wrong type | {kind: overlay, lowers: many} | test.yaml: environment #1 'x': backend.lowers: Cannot deserialize value of type `java.lang.Integer` from String \"many\": not a valid `java.lang.Integer` value",
    })
    void badEntriesAreOneLineNamingTheEntry(String what, String backend, String message) {
        // KINDS: every kind Backend lists, so that a new kind does not change this test.
        assertThatThrownBy(() -> parse(entry("x", backend)))
                .isInstanceOf(InvalidEnvironmentsException.class).hasMessage(message.replace("KINDS", String.join(", ", Backend.kinds())));
    }

    @Test
    void everyListedKindIsTheYamlNameOfItsRecord() {
        assertThat(Backend.kinds()).startsWith("dir", "tmpfs", "loop-fs").doesNotHaveDuplicates();
        assertThat(parse(entry("x", "{kind: nested-bind, inside: {kind: tmpfs}}")).environments().get(0).backend())
                .isInstanceOf(NestedBind.class).extracting(Backend::kind).isEqualTo("nested-bind");
    }

    @Test
    void missingFieldsDuplicatesAndBadNamesNameTheEntry() {
        assertThatThrownBy(() -> parse(entry("a", "{kind: tmpfs}") + "  - name: b\n    backend: {kind: tmpfs}\n"))
                .hasMessage("test.yaml: environment #2 'b': missing 'group'");
        assertThatThrownBy(() -> parse(entry("a", "{kind: tmpfs}") + entry("a", "{kind: dir}")))
                .hasMessage("test.yaml: environment #2 'a': the name is already used by environment #1");
        assertThatThrownBy(() -> parse(entry("Bad Name", "{kind: tmpfs}")))
                .hasMessage("test.yaml: environment #1 'Bad Name': name must be lower-case letters, digits and . _ + - (got 'Bad Name')");
        assertThatThrownBy(() -> parse(entry("a", "{kind: tmpfs}") + "    colour: blue\n"))
                .hasMessageStartingWith("test.yaml: environment #1 'a': unknown field 'colour' (known: apps, backend, description, group, name, sandbox, timeoutSeconds)");
        assertThatThrownBy(() -> parse("  - just a string\n"))
                .hasMessage("test.yaml: environment #1: expected a mapping with name, group, description, backend");
        assertThatThrownBy(() -> parse(entry("a", "{kind: tmpfs}") + "    sandbox: {landlock: 'No Refer'}\n"))
                .hasMessage("test.yaml: environment #1 'a': sandbox: landlock must be a policy preset, one of refer, no-refer, abi1, "
                        + "agent, agent-refer, best-effort (got 'No Refer')");
    }

    @Test
    void brokenYamlAndBadTopLevelAreOneLine() {
        assertThatThrownBy(() -> EnvironmentCatalog.parse("environments:\n  - name: [unclosed\n", ORIGIN))
                .isInstanceOf(InvalidEnvironmentsException.class)
                .hasMessage("test.yaml:3: not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> EnvironmentCatalog.parse("environment: []\n", ORIGIN))
                .hasMessage("test.yaml: unknown top-level key 'environment' (known: defaults, environments)");
        assertThatThrownBy(() -> EnvironmentCatalog.parse("environments: []\n", ORIGIN))
                .hasMessage("test.yaml: 'environments' must be a non-empty list");
        assertThatThrownBy(() -> EnvironmentCatalog.parse("- a\n", ORIGIN))
                .hasMessage("test.yaml: expected a mapping with an 'environments' list");
        assertThatThrownBy(() -> EnvironmentCatalog.parse("defaults: {timeout: 3}\nenvironments: []\n", ORIGIN))
                .hasMessage("test.yaml: 'defaults' may only hold timeoutSeconds (a number)");
    }

    @Test
    void defaultsSetTheTimeoutUnlessAnEntrySetsItsOwn() {
        EnvironmentCatalog c = EnvironmentCatalog.parse("defaults: {timeoutSeconds: 7}\nenvironments:\n"
                + entry("a", "{kind: dir}") + entry("b", "{kind: dir}") + "    timeoutSeconds: 9\n", ORIGIN);
        assertThat(c.environments()).extracting(Environment::timeoutSeconds).containsExactly(7, 9);
    }

    @Test
    void onlyPicksByNameOrGroupWithGlobs() {
        EnvironmentCatalog c = parse(entry("overlay-a", "{kind: dir}") + entry("overlay-b", "{kind: dir}")
                + "  - name: tmpfs\n    group: filesystem\n    description: d\n    backend: {kind: tmpfs}\n");
        assertThat(HostLab.select(c, "overlay-*")).containsExactly("overlay-a", "overlay-b");
        assertThat(HostLab.select(c, "filesystem,overlay-b")).containsExactly("overlay-b", "tmpfs");
        assertThat(HostLab.select(c, null)).hasSize(3);
        assertThat(HostLab.select(c, "nothing")).isEqualTo(List.of());
    }

    @Test
    void aGuestBindsOnlyThePickedEntriesTheSameAsAWholeRead(@TempDir Path dir) throws IOException {
        // GIVEN a file with a bad entry a guest does not run, WHEN only the filesystem group and overlay-* are picked
        Path file = Files.writeString(dir.resolve("environments.yaml"), "defaults: {timeoutSeconds: 7}\nenvironments:\n"
                + entry("overlay-a", "{kind: overlay, options: redirect_dir=on}") + entry("bad", "{kind: zfs}")
                + "  - name: tmpfs\n    group: filesystem\n    description: d\n    backend: {kind: tmpfs}\n");
        EnvironmentCatalog picked = EnvironmentCatalog.loadPicked(file, "filesystem,overlay-*");
        // THEN those are bound as a whole read binds them, and the bad one is left to the read that checks everything
        assertThat(picked.names()).containsExactly("overlay-a", "tmpfs");
        assertThat(picked.environments()).isEqualTo(EnvironmentCatalog.load(Files.writeString(dir.resolve("good.yaml"),
                Files.readString(file).replace(entry("bad", "{kind: zfs}"), ""))).environments());
        assertThatThrownBy(() -> EnvironmentCatalog.load(file)).hasMessageContaining("environment #2 'bad'");
        // AND a name used twice is refused all the same
        Files.writeString(file, "environments:\n" + entry("tmpfs", "{kind: zfs}") + entry("tmpfs", "{kind: tmpfs}"));
        assertThatThrownBy(() -> EnvironmentCatalog.loadPicked(file, "other")).hasMessageContaining("environment #2 'tmpfs': the name is already used");
    }

    @Test
    void aGuestGetsOnlyItsEntriesWithEveryBudgetScaledAndCapped() {
        // GIVEN the repository's catalogue, one entry of it with a budget of its own
        EnvironmentCatalog all = EnvironmentCatalog.standard();
        Environment own = all.environments().stream().filter(e -> e.timeoutSeconds() != all.environments().get(0).timeoutSeconds())
                .findFirst().orElse(all.environments().get(0));
        Set<String> picked = Set.of("tmpfs", own.name());
        // WHEN it is written for a guest five times as slow
        EnvironmentCatalog guest = EnvironmentCatalog.parse(EnvironmentCatalog.forGuest(all.text(), 5, picked), ORIGIN);
        // THEN only the picked entries are in it, bound as before apart from their budgets, each five times as long
        assertThat(guest.names()).containsExactlyInAnyOrderElementsOf(picked);
        for (Environment e : guest.environments()) {
            Environment before = all.environments().stream().filter(b -> b.name().equals(e.name())).findFirst().orElseThrow();
            assertThat(e.timeoutSeconds()).as(e.name()).isEqualTo(Math.min(3600, before.timeoutSeconds() * 5));
            assertThat(e).as(e.name()).usingRecursiveComparison().ignoringFields("timeoutSeconds").isEqualTo(before);
        }
        // AND a budget never grows past an hour
        assertThat(EnvironmentCatalog.parse(EnvironmentCatalog.forGuest("defaults: {timeoutSeconds: 1000}\nenvironments:\n"
                + entry("a", "{kind: tmpfs}"), 5, Set.of("a")), ORIGIN).environments().get(0).timeoutSeconds()).isEqualTo(3600);
    }
}
