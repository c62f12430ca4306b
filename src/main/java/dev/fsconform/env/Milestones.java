package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a run's time goes before, between and after its environments, as lines on standard error
 * ({@code milestone: host detected 14.21s epoch 1764700000.123}) stamped with the system's uptime,
 * so a kernel guest's lines line up with its init's console milestones, and the time of day, which a
 * guest takes from the host's clock at boot, to line them up with the host's. Only under {@code -Dfsconform.milestones=true}
 * (the guests set it): elsewhere the progress output stays as it is.
 */
public final class Milestones {
    private static final boolean ON = Boolean.getBoolean("fsconform.milestones");
    private static final AtomicBoolean FIRST_CELL = new AtomicBoolean();

    private Milestones() {
    }

    public static void mark(String what) {
        if (ON) {
            long now = System.currentTimeMillis();
            System.err.println("milestone: " + what + " " + uptime() + "s epoch " + now / 1000 + "." + String.format("%03d", now % 1000));
        }
    }

    /** The first cell any probe of this JVM finished: what "boot to first cell" measures to. */
    static void cellDone() {
        if (ON && !FIRST_CELL.getAndSet(true)) {
            mark("first cell");
        }
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/uptime")).split(" ", 2)[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
