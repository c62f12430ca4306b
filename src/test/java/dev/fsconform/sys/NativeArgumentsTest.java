package dev.fsconform.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every argument position of the raw syscall reaches the kernel intact, checked by calls whose result
 * shows the argument's exact value: jnr-ffi has corrupted the sixth argument of some signatures
 * before (see {@link LibC}), and a corrupted flag or descriptor would make cells lie.
 */
class NativeArgumentsTest {
    private static final int PAGE = 4096;
    private static final int PROT_READ = 1;
    private static final int MAP_PRIVATE = 2;

    @TempDir
    Path tmp;

    /** mmap(NULL, len, prot, flags, fd, offset) takes all six: fd is the fifth, offset the sixth. */
    @Test
    void mmapSeesTheExactDescriptorAndOffset() throws IOException {
        // GIVEN two files of three pages each, every page filled with its own byte
        Posix posix = Posix.get();
        int[] mmapMunmap = posix.arch() == Arch.X86_64 ? new int[] {9, 11} : new int[] {222, 215};
        Path a = pages(tmp.resolve("a"), (byte) 'a');
        Path b = pages(tmp.resolve("b"), (byte) 'A');
        int fdA = posix.openNonBlocking(a).fd();
        int fdB = posix.openNonBlocking(b).fd();
        assertThat(fdA).isPositive();
        assertThat(fdB).isPositive();
        try {
            for (int page = 0; page < 3; page++) {
                // WHEN the second file's page is mapped through the raw syscall
                CallResult map = posix.syscall(mmapMunmap[0], 0, PAGE, PROT_READ, MAP_PRIVATE, fdB, (long) page * PAGE);
                assertThat(map.succeeded()).as("mmap(fd %d, offset %d): %s", fdB, page * PAGE, map.errno()).isTrue();
                // THEN the mapping holds exactly that file's page: descriptor and offset arrived intact
                byte seen = Pointer.wrap(Runtime.getSystemRuntime(), map.value()).getByte(0);
                assertThat(seen).as("first byte of page %d of b", page).isEqualTo((byte) ('A' + page));
                assertThat(posix.syscall(mmapMunmap[1], map.value(), PAGE).succeeded()).isTrue();
            }
        } finally {
            posix.close(fdA);
            posix.close(fdB);
        }
    }

    /** renameat2's flags are the fifth syscall argument, passed by the string-typed overload. */
    @Test
    void renameat2SeesTheExactFlags() throws IOException {
        // GIVEN a source and an existing target
        Posix posix = Posix.get();
        Path src = Files.writeString(tmp.resolve("src"), "source");
        Path dst = Files.writeString(tmp.resolve("dst"), "target");
        // WHEN renamed with each flag  THEN the kernel acted on exactly that flag
        assertThat(posix.renameat2(src, dst, 1 << 3).errno()).as("an undefined flag bit").isEqualTo(Errno.of(22));
        assertThat(posix.renameat2(src, dst, Posix.RENAME_NOREPLACE).errno()).as("NOREPLACE").isEqualTo(Errno.of(17));
        assertThat(posix.renameat2(src, dst, Posix.RENAME_EXCHANGE).succeeded()).as("EXCHANGE").isTrue();
        assertThat(Files.readString(src)).as("after EXCHANGE").isEqualTo("target");
        assertThat(posix.renameat2(src, dst, 0).succeeded()).as("no flag: replace").isTrue();
        assertThat(Files.exists(src)).isFalse();
        assertThat(Files.readString(dst)).isEqualTo("target");
    }

    @Test
    void theLandlockAbiIsReadWithTheFlagThatAsksForIt() {
        // GIVEN this kernel  WHEN the ABI is read  THEN it is a version or a reason, never a ruleset descriptor
        LandlockAbi abi = Posix.get().landlockAbi();
        assumeTrue(abi.available(), () -> "no Landlock here: " + abi.reason());
        assertThat(abi.version()).as("Landlock ABI").isBetween(1, 64);
        assertThat(abi.recorded()).isEqualTo(abi.version());
    }

    private static Path pages(Path file, byte first) throws IOException {
        byte[] data = new byte[3 * PAGE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (first + i / PAGE);
        }
        return Files.write(file, data);
    }
}
