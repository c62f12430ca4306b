package dev.fsconform.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesBothFilesPublishedAndLeavesNoTemporaryFile() throws Exception {
        // GIVEN an earlier pair
        Files.writeString(dir.resolve("a.json"), "old a");
        Files.writeString(dir.resolve("a.html"), "old b");

        // WHEN both are replaced
        Map<Path, String> texts = new LinkedHashMap<>();
        texts.put(dir.resolve("a.json"), "new a");
        texts.put(dir.resolve("a.html"), "new b");
        AtomicFiles.replace(texts);

        // THEN both are new, readable by all, and nothing else is there
        assertThat(Files.readString(dir.resolve("a.json"))).isEqualTo("new a");
        assertThat(Files.readString(dir.resolve("a.html"))).isEqualTo("new b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.html")))).isEqualTo("rw-r--r--");
        assertThat(names()).containsExactlyInAnyOrder("a.json", "a.html");
    }

    @Test
    void aKilledWritersTemporaryFilesGoWithTheNextWriteAndALiveWritersStay() throws Exception {
        // GIVEN the temporary file of a writer that is gone, one of this live JVM, and one of another tool
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long goneStart = gone.info().startInstant().map(Instant::getEpochSecond).orElse(1L);
        Path dead = Files.writeString(dir.resolve(".fsconform-" + gone.pid() + "." + goneStart + "-123-matrix.json.tmp"), "half");
        ProcessHandle self = ProcessHandle.current();
        long selfStart = self.info().startInstant().map(Instant::getEpochSecond).orElseThrow();
        Path live = Files.writeString(dir.resolve(".fsconform-" + self.pid() + "." + selfStart + "-456-matrix.html.tmp"), "busy");
        Path reused = Files.writeString(dir.resolve(".fsconform-" + self.pid() + "." + (selfStart - 100) + "-7-m.json.tmp"), "x");
        Path foreign = Files.writeString(dir.resolve(".fsconform-notes.tmp"), "keep");

        // WHEN the next writer writes there
        AtomicFiles.replace(Map.of(dir.resolve("matrix.json"), "{}"));

        // THEN only the gone writers' files were removed (a reused pid has another start time)
        assertThat(dead).doesNotExist();
        assertThat(reused).doesNotExist();
        assertThat(live).exists();
        assertThat(foreign).exists();
    }

    private java.util.List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
