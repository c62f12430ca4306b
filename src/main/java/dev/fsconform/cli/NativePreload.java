package dev.fsconform.cli;

import dev.fsconform.sys.NativeBootstrap;
import dev.fsconform.sys.Posix;

/**
 * Loads libc on a second thread while picocli parses the command line and the probe makes its
 * scratch directory: jnr-ffi's stub generation is the largest single piece of a probe's start-up.
 * Only where jffi can unpack its stub into the temp directory; elsewhere the probe's own first call
 * prepares a fallback directory first ({@link NativeBootstrap}). Errors are left to that first call.
 */
final class NativePreload {
    private NativePreload() {
    }

    static void start() {
        Thread t = new Thread(NativePreload::load, "fsconform-native-preload");
        t.setDaemon(true);
        t.start();
    }

    private static void load() {
        try {
            if (NativeBootstrap.tempDirUsable()) {
                Posix.get();
            }
        } catch (RuntimeException | LinkageError e) {
            // The probe's own Posix.get() reports the reason, once, as a one-line error.
        }
    }
}
