package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Attached loop devices and their backing files, from sysfs. A device is only ever identified by its
 * backing file's path (numbers are reused by the next attach), and re-checked right before a detach.
 */
final class LoopDevices {
    private static final Path SYS_BLOCK = Path.of("/sys/block");
    private static final String DELETED = " (deleted)";

    private LoopDevices() {
    }

    record Loop(String name, Path backingFile) {
        boolean below(Path dir) {
            return backingFile.startsWith(dir);
        }
    }

    static List<Loop> attached() {
        List<Loop> out = new ArrayList<>();
        try (Stream<Path> devices = Files.list(SYS_BLOCK)) {
            devices.filter(d -> d.getFileName().toString().startsWith("loop")).forEach(d -> backing(d.getFileName().toString())
                    .ifPresent(f -> out.add(new Loop(d.getFileName().toString(), f))));
        } catch (IOException e) {
            // An empty answer would read as "nothing left attached"; say that we could not look instead.
            throw new java.io.UncheckedIOException("cannot list loop devices in " + SYS_BLOCK + ": " + e.getMessage(), e);
        }
        return out;
    }

    static List<Loop> below(Path dir) {
        return attached().stream().filter(l -> l.below(dir)).toList();
    }

    private static java.util.Optional<Path> backing(String name) {
        try {
            String f = Files.readString(SYS_BLOCK.resolve(name).resolve("loop/backing_file")).strip();
            if (f.endsWith(DELETED)) {
                f = f.substring(0, f.length() - DELETED.length());
            }
            return f.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(f));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** losetup(8) detaches; only if the device still has the same backing file as when it was listed. */
    static void detach(Loop loop, Deadline deadline, Path log, Children children) throws IOException, EnvFailure {
        if (backing(loop.name()).filter(loop.backingFile()::equals).isEmpty()) {
            return;
        }
        Exec.run(List.of(Tool.LOSETUP.path(), "-d", "/dev/" + loop.name()), log, deadline, children);
    }

    /** Waits for autoclear to detach the devices backed by files below {@code dir}; returns those left. */
    static List<Loop> awaitDetached(Path dir, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        List<Loop> left = below(dir);
        while (!left.isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = below(dir);
        }
        return left;
    }
}
