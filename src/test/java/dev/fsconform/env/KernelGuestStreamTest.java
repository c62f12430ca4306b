package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows a guest handed out as its environments finished are what a guest out of time still measured. */
class KernelGuestStreamTest {
    @TempDir
    Path out;

    @Test
    void finishedRowsAreReadAndAHalfWrittenOneIsLeftOut() throws IOException {
        // GIVEN a guest that finished tmpfs, was killed while writing ext4's file, and never got to xfs
        Path dir = Files.createDirectories(out.resolve(KernelGuest.STREAM_DIR));
        EnvironmentResult tmpfs = EnvironmentResult.notRun("tmpfs", "fs", "tmpfs", EnvStatus.SKIPPED, "a reason", 12);
        ResultsJson.write(ResultsFile.of("fsconform test", "2026-01-01T00:00:00Z", List.of(tmpfs)), dir.resolve("tmpfs.json"));
        Files.writeString(dir.resolve("ext4.json"), "{\"schema\": \"fsconform-res");
        // THEN tmpfs is read as it was written, and ext4 is left to the guest's failure
        assertThat(KernelGuest.streamed(out)).containsOnlyKeys("tmpfs");
        assertThat(KernelGuest.streamed(out).get("tmpfs").reason()).isEqualTo("a reason");
    }

    @Test
    void aGuestThatStreamedNothingHasNoRows() throws IOException {
        assertThat(KernelGuest.streamed(out)).isEmpty();
    }

    @Test
    void theGuestProbesOnThreadsAndStreamsEachRow() {
        String script = KernelGuest.script(Launcher.of(Path.of("/opt/fsconform.jar")), List.of(), "none", 2);
        assertThat(script).contains("--probe-threads", "--stream-to $g/" + KernelGuest.STREAM_DIR, "--jobs 2",
                "--after /run/fsconform-init/modules-loaded");
    }

    @Test
    void theGuestMapsACopyOfTheArchiveInItsRamAndStartsWithoutPicocli() {
        // GIVEN a guest launcher mapping the cached archive beside the jar
        Launcher guest = new Launcher(Path.of("/usr/bin/java"), Path.of("/c/fsconform.jar"), Launcher.FAST_START)
                .withArchive(Path.of("/c/fsconform.jsa"));
        String lab = KernelGuest.script(guest, List.of(), "none", 2).lines().filter(l -> l.contains(Launcher.GUEST_MATRIX))
                .findFirst().orElseThrow();
        // THEN the script copies it by direct reads, and the lab maps the copy only, without relocating it
        assertThat(KernelGuest.script(guest, List.of(), "none", 2))
                .contains("{ dd if='/c/fsconform.jsa' of=" + KernelGuest.GUEST_ARCHIVE + " bs=1M iflag=direct");
        assertThat(lab).contains("'-XX:SharedArchiveFile=" + KernelGuest.GUEST_ARCHIVE + "'",
                "'-Dfsconform.cds=" + KernelGuest.GUEST_ARCHIVE + "'", "'-XX:ArchiveRelocationMode=0'", "-cp '/c/fsconform.jar' ")
                .doesNotContain("/c/fsconform.jsa", " matrix ");
        // AND only before 5.15, where 9p reads a page per request; later kernels link to the share's archive
        assertThat(KernelGuest.script(guest, List.of(), "none", 2)).contains("case $(uname -r) in [1-4].*|5.[0-9].*|5.1[0-4].*) { dd",
                "*) ln -s '/c/fsconform.jsa' " + KernelGuest.GUEST_ARCHIVE + ";; esac");
        // AND libjvm is copied the same way and bound over its own path; a launcher without an archive copies none
        assertThat(KernelGuest.script(guest, List.of(), "none", 2)).contains("j='/usr/lib/server/libjvm.so'; dd if=\"$j\"",
                "mount --bind $w/libjvm.so \"$j\"");
        assertThat(KernelGuest.script(Launcher.of(Path.of("/opt/fsconform.jar")), List.of(), "none", 2))
                .doesNotContain(KernelGuest.GUEST_ARCHIVE);
    }

    @Test
    void theKernelsFilesystemsAreListedOnceTheBackgroundModulesAreIn() {
        // GIVEN the guest's script, WHEN its lines are read, THEN /proc/filesystems is copied after the lab ran
        // and after the wait for the loader's marker (listed at the start, a slow boot missed ext4, xfs, btrfs, fuse)
        List<String> lines = KernelGuest.script(Launcher.of(Path.of("/opt/fsconform.jar")), List.of(), "none", 2).lines().toList();
        int lab = indexOf(lines, " " + Launcher.GUEST_MATRIX + " ");
        int wait = indexOf(lines, "[ ! -e /run/fsconform-init/modules-loaded ]");
        int listed = indexOf(lines, "cat /proc/filesystems");

        assertThat(listed).as("the filesystem list comes after the lab and the wait:%n%s", String.join("\n", lines))
                .isGreaterThan(wait);
        assertThat(wait).isGreaterThan(lab);
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + part);
    }
}
