package dev.fsconform.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StraceTest {
    private static final Path CWD = Path.of("/scratch/c0001/job");

    @Test
    void renameat2WithDecoratedDirfdsResolvesBothPathsAndKeepsTheFlagAndErrno() {
        // GIVEN the line strace -y prints for mv's first attempt
        String line = "renameat2(AT_FDCWD</scratch/c0001/job>, \"src/payload\", AT_FDCWD</scratch/c0001/job>, "
                + "\"../other/dst/payload\", RENAME_NOREPLACE) = -1 EXDEV (Invalid cross-device link)";
        // WHEN it is parsed
        Call c = Strace.parse(7, line, Path.of("/elsewhere"));
        // THEN the paths are resolved against the dirfds, not the cwd, and the call maps to its catalogue operation
        assertThat(c).isNotNull();
        assertThat(c.source()).isEqualTo(Path.of("/scratch/c0001/job/src/payload"));
        assertThat(c.target()).isEqualTo(Path.of("/scratch/c0001/other/dst/payload"));
        assertThat(c.errno()).isEqualTo("EXDEV");
        assertThat(c.operation()).isEqualTo("renameat2-noreplace");
        assertThat(c.show(CWD)).isEqualTo("renameat2(src/payload, ../other/dst/payload, RENAME_NOREPLACE) = -1 EXDEV");
    }

    @Test
    void relativePathsOfPlainCallsResolveAgainstTheStepsDirectory() {
        Call c = Strace.parse(7, "rename(\"staging/a, b\", \"etc/config\") = 0", CWD);
        assertThat(c.ok()).isTrue();
        assertThat(c.source()).as("a comma inside quotes is part of the name").isEqualTo(CWD.resolve("staging/a, b"));
        assertThat(c.operation()).isEqualTo("rename");
    }

    @Test
    void unlinkatCopyFileRangeAndLinkatAreRead() {
        Call u = Strace.parse(1, "unlinkat(4</scratch/c0001/job/src>, \"payload\", AT_REMOVEDIR) = 0", CWD);
        assertThat(u.removes()).isTrue();
        assertThat(u.source()).isEqualTo(Path.of("/scratch/c0001/job/src/payload"));
        Call cfr = Strace.parse(1, "copy_file_range(3</scratch/a>, NULL, 4</scratch/b>, NULL, 9223372035781033984, 0) = 8", CWD);
        assertThat(cfr.copies()).isTrue();
        assertThat(cfr.source()).isEqualTo(Path.of("/scratch/a"));
        assertThat(cfr.target()).isEqualTo(Path.of("/scratch/b"));
        Call l = Strace.parse(1, "linkat(AT_FDCWD</r>, \"tmp_obj\", AT_FDCWD</r>, \"ab/cd\", 0) = -1 EEXIST (File exists)", CWD);
        assertThat(l.operation()).isEqualTo("linkat");
        assertThat(l.errno()).isEqualTo("EEXIST");
    }

    @Test
    void linesThatAreNotCallsAreIgnored() {
        assertThat(Strace.parse(1, "+++ exited with 0 +++", CWD)).isNull();
        assertThat(Strace.parse(1, "openat(AT_FDCWD, \"x\", O_RDONLY) = 3", CWD)).as("not a traced call").isNull();
        assertThat(Strace.parse(1, "", CWD)).isNull();
    }
}
