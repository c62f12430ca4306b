package dev.fsconform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppJobsTest {

    @Test
    void theShippedJobsLoadAndEachChecksItsEndState() {
        assertThat(AppJobs.all()).extracting(AppJob::id)
                .contains("git", "npm", "pnpm", "pip-wheel", "pip-install", "ccache", "maven", "mv", "cp-reflink", "install",
                        "tar-extract", "rsync", "rsync-inplace", "python-shutil-move", "python-os-replace", "sqlite3-wal");
        assertThat(AppJobs.all()).allSatisfy(j -> assertThat(j.checks()).as(j.id()).isNotEmpty());
    }

    @Test
    void allMeansEveryJobButTheOptInOnesAndIdsAddThem() {
        assertThat(AppJobs.select("all")).extracting(AppJob::id).doesNotContain("maven").contains("git");
        assertThat(AppJobs.select("all,maven")).extracting(AppJob::id).contains("maven", "git");
        assertThat(AppJobs.select("none")).isEmpty();
        assertThat(AppJobs.select("mv, git")).extracting(AppJob::id).as("file order").containsExactly("git", "mv");
    }

    @Test
    void anUnknownJobIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> AppJobs.select("gti")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown app job 'gti'").hasMessageContaining("git");
    }

    @Test
    void aJobNeedingAProgramThatIsNotInstalledSaysSo() {
        AppJob j = new AppJob("x", "x", java.util.List.of("no-such-program-fsconform"), null, false, false, null, null, null,
                java.util.List.of(new AppJob.Step(null, java.util.List.of("true"))),
                java.util.List.of(new AppJob.Check("f", null, null, null, null, null)), null);
        assertThat(AppRun.unavailable(j)).startsWith("no-such-program-fsconform is not installed here");
    }

    @Test
    void aProgramASandboxHidesIsNamedAsHiddenNotAsMissing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // GIVEN what firejail leaves in place of a blacklisted program: an empty file nobody may run
        java.nio.file.Path hidden = java.nio.file.Files.createFile(dir.resolve("strace"));
        java.nio.file.Files.setPosixFilePermissions(hidden, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));

        // THEN the reason says it is there but cannot be run, with its mode and size
        assertThat(Programs.missing("strace", dir.toString()))
                .isEqualTo(hidden + " is here but cannot be run (mode r--------, 0 bytes: hidden by the sandbox?)");
        assertThat(Programs.missing("git", dir.toString())).isEqualTo("git is not installed here (searched " + dir + ")");
    }
}
