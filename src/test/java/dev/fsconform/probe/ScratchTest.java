package dev.fsconform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.sys.ProcessOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir
    Path root;

    @Test
    void reapsScratchOfGoneOwnersOnly() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        ProcessOwner self = ProcessOwner.current();
        Path dead = Files.createDirectories(root.resolve(Scratch.PREFIX + p.pid() + "-1"));
        Path reused = Files.createDirectories(root.resolve(Scratch.PREFIX + self.pid() + "." + (self.startSecond() - 1000) + "-2"));
        Path live = Files.createDirectories(root.resolve(Scratch.PREFIX + self.token() + "-3"));
        Path other = Files.createDirectories(root.resolve(".fsconform-other-4"));
        Scratch.reapStale(root);
        assertThat(dead).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
    }
}
