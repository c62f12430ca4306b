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
}
