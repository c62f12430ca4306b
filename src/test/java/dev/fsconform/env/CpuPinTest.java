package dev.fsconform.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsconform.sys.Posix;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CpuPinTest {
    private static int bits(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    @Test
    void pinsTheThreadAndWhatItStartsToOneCpuAndPutsTheMaskBack() throws InterruptedException {
        Posix posix = Posix.get();
        byte[] before = posix.threadAffinity();
        assertNotNull(before);
        CpuPin pin = CpuPin.here();
        assertNotNull(pin, "the kernel refused to pin this thread");
        try {
            byte[] pinned = posix.threadAffinity();
            assertEquals(1, bits(pinned));
            int cpu = posix.currentCpu();
            assertTrue((pinned[cpu / 8] & (1 << (cpu % 8))) != 0, "pinned to another CPU than the one it runs on");
            // A thread started now inherits the mask, as the probe's thread does.
            AtomicReference<byte[]> child = new AtomicReference<>();
            Thread t = new Thread(() -> child.set(posix.threadAffinity()));
            t.start();
            t.join();
            assertArrayEquals(pinned, child.get());
        } finally {
            pin.close();
        }
        assertArrayEquals(before, posix.threadAffinity());
    }
}
