package dev.fsconform.cli;

import dev.fsconform.env.HostLab;
import dev.fsconform.env.Milestones;

/**
 * What every start of the jar does before its command runs, from {@link Main} and from a kernel
 * guest's {@link GuestMatrix} alike; kept apart from Main, whose class initialisation readies picocli's commands.
 */
final class Startup {
    private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

    private Startup() {
    }

    static void begin(String command) {
        Milestones.mark("main");
        // Every `mv` cell and tool step is a child process. The JDK's default launch (posix_spawn)
        // execs jspawnhelper first, which then execs the child: VFORK execs the child directly, a
        // third less CPU per child here and more under emulation. JDK 17 to 21 only: later JDKs
        // deprecate VFORK, and an explicit -Djdk.lang.Process.launchMechanism is left alone.
        if (System.getProperty(LAUNCH_MECHANISM) == null && Runtime.version().feature() <= 21) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
        if (command.equals("probe")) {
            NativePreload.start();
        } else if (command.equals("matrix")) {
            // Detection loads libc as its first step: a preload beside it would only wait on the same
            // lock, after a temp-directory check that is half a second of CPU in an emulated guest.
            HostLab.detectAhead();
        }
    }
}
