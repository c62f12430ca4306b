package dev.fsconform.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.operation.Operation;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import org.junit.jupiter.api.Test;

class ReproductionsTest {
    private static Reproduction of(String op, String scenario) {
        return Reproductions.of(op, scenario).orElseThrow();
    }

    @Test
    void everyOperationAndScenarioHasOne() {
        for (Operation op : Operation.values()) {
            for (Scenario s : Catalogue.scenarios()) {
                Reproduction r = Reproductions.of(op, s);
                assertThat(r.setup()).as(op + " " + s.id()).startsWith("# " + s.describe());
                assertThat(r.run()).isNotBlank();
            }
        }
    }

    @Test
    void unknownIdsHaveNone() {
        assertThat(Reproductions.of("rename", "no-such-scenario")).isEmpty();
        assertThat(Reproductions.of("no-such-op", "file-same-dir")).isEmpty();
    }

    @Test
    void renameat2NoreplaceIsTheRawSyscallWithTheFlagOnDirectoryDescriptors() {
        // GIVEN a cross-directory NOREPLACE cell
        Reproduction r = of("renameat2-noreplace", "dir-cross-dir");
        // THEN the program makes exactly the probe's call, and the shell builds the fixture and runs it
        assertThat(r.program()).contains("int a = open(\"a\", O_PATH | O_DIRECTORY | O_CLOEXEC);",
                "int b = open(\"b\", O_PATH | O_DIRECTORY | O_CLOEXEC);",
                "syscall(SYS_renameat2, a, \"src\", b, \"dst\", 1 /* RENAME_NOREPLACE */)");
        assertThat(r.setup()).contains("mkdir -p a b", "mkdir a/src && printf 'source' > a/src/inner");
        assertThat(r.run()).isEqualTo("cc -o /tmp/repro /tmp/repro.c && /tmp/repro");
        assertThat(r.programFile()).isEqualTo("/tmp/repro.c");
    }

    @Test
    void seededScenariosBuildAnOverlayWithTheFixtureInTheLowerLayer() {
        Reproduction r = of("rename", "seeded-dir-same-dir");
        assertThat(r.setup()).contains("mkdir lower/a/src", "mount -t overlay overlay -o lowerdir=", "cd merged");
        assertThat(r.program()).contains("rename(\"a/src\", \"a/dst\")");
    }

    @Test
    void crossMountScenariosPutTheTargetOnATmpfs() {
        Reproduction r = of("link", "cross-mount-file");
        assertThat(r.setup()).contains("mount -t tmpfs tmpfs m && mkdir m/b");
        assertThat(r.program()).contains("link(\"a/src\", \"m/b/dst\")");
    }

    @Test
    void filesMoveIsAThreeLineJavaProgram() {
        Reproduction r = of("files-move-atomic", "file-onto-file-same-dir");
        assertThat(r.program().lines()).hasSize(3);
        assertThat(r.program()).contains("Files.move(Path.of(\"a/src\"), Path.of(\"a/dst\"), StandardCopyOption.ATOMIC_MOVE);");
        assertThat(r.run()).isEqualTo("java /tmp/Repro.java");
        assertThat(r.setup()).contains("printf 'target' > a/dst");
    }

    @Test
    void mvIsTheCommandItself() {
        Reproduction r = of("mv", "symlink-cross-dir");
        assertThat(r.program()).isNull();
        assertThat(r.run()).startsWith("mv -T -- a/src b/dst");
        assertThat(r.setup()).contains("ln -s dangling-source a/src");
    }
}
