package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marked run directories: a dead owner's are reaped, a live owner's and unmarked ones are left alone. */
class ReaperTest {
    @TempDir
    Path parent;

    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void reapsOnlyMarkedDirectoriesWhoseOwnerIsGone() throws Exception {
        Path dead = Files.createDirectories(parent.resolve(RunDir.PREFIX + deadPid() + "-1"));
        Files.writeString(dead.resolve(RunDir.MARKER), "owner=1.1\n");
        Path workdir = Files.createDirectories(dead.resolve("envs/ov/fs-upperfs/work/work"));
        Files.setPosixFilePermissions(workdir, PosixFilePermissions.fromString("---------"));
        Path unmarkedDead = Files.createDirectories(parent.resolve(RunDir.PREFIX + deadPid() + "-2"));
        RunDir live = RunDir.create(parent);
        Path foreign = Files.createDirectories(parent.resolve("fsconform-other-1"));
        Path notANumber = Files.createDirectories(parent.resolve(RunDir.PREFIX + "abc-1"));

        List<String> report = Reaper.reap(List.of(parent), parent.resolve("reaper.log"), new Children());

        assertThat(dead).doesNotExist();
        assertThat(unmarkedDead).doesNotExist();
        assertThat(live.dir()).exists();
        assertThat(foreign).exists();
        assertThat(notANumber).exists();
        assertThat(report).hasSize(2).allMatch(l -> l.startsWith("removed "));
        live.delete();
        assertThat(live.dir()).doesNotExist();
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsStale() throws Exception {
        long self = ProcessHandle.current().pid();
        Path d = Files.createDirectories(parent.resolve(RunDir.PREFIX + self + "-9"));
        Files.writeString(d.resolve(RunDir.MARKER), "owner=" + self + ".12345\n");
        assertThat(RunDir.stale(d)).isTrue();
        RunDir mine = RunDir.create(parent);
        assertThat(RunDir.stale(mine.dir())).isFalse();
        mine.delete();
    }
}
