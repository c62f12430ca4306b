package dev.fsconform.probe;

import dev.fsconform.files.Trees;
import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.NativeCallException;
import dev.fsconform.sys.Posix;
import dev.fsconform.sys.ProcessOwner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The probe's own directory under a root it was given. Its name carries its owner (pid and start), so a later
 * run can remove what a killed one left, and never touches anything it did not create.
 */
final class Scratch implements AutoCloseable {
    static final String PREFIX = ".fsconform-scratch-";

    private static final int CLEANUP_ATTEMPTS = 40;
    /** How long the hook waits for the probe's thread to end its cell and close the directory itself. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Set when the JVM shuts down (Ctrl-C, SIGTERM): the probe then starts no further cell. */
    private static volatile boolean stopping;

    private final Path dir;
    /** Removes the directory on Ctrl-C or SIGTERM; after SIGKILL the next run's {@link #reapStale} does. */
    private final Thread onInterrupt;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Scratch(Path dir) {
        this.dir = dir;
        this.onInterrupt = new Thread(this::removeWhileStopping, "fsconform-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    static boolean stopping() {
        return stopping;
    }

    /**
     * The probe's thread runs on during shutdown: once it sees {@link #stopping} it ends its cell and
     * closes this directory itself. Wait for that, so that it cannot make the tree again after the
     * removal; if it hangs in a call, remove the tree anyway, trying until it is gone.
     */
    private void removeWhileStopping() {
        stopping = true;
        try {
            closed.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < CLEANUP_ATTEMPTS && Files.exists(dir); i++) {
            try {
                deleteTree(dir);
            } catch (IOException | RuntimeException busy) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static Scratch create(Path root) throws IOException {
        reapStale(root);
        return new Scratch(Files.createTempDirectory(root, PREFIX + ProcessOwner.current().token() + "-"));
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it waits for this close, then makes sure.
        }
        try {
            deleteTree(dir);
        } finally {
            closed.countDown();
        }
    }

    /** Removes scratch directories whose owning process is gone (through NIO: libc may not be loadable yet). */
    static void reapStale(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Scratch::isStale).forEach(p -> {
                try {
                    Trees.delete(p);
                } catch (IOException ignored) {
                    // Another run may be reaping it at the same moment; the next run tries again.
                }
            });
        } catch (IOException ignored) {
            // An unreadable root is reported when the scratch directory itself cannot be created.
        }
    }

    private static boolean isStale(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PREFIX)) {
            return false;
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        return ProcessOwner.parse(dash < 0 ? rest : rest.substring(0, dash)).map(ProcessOwner::gone).orElse(false);
    }

    /**
     * Removes the tree with one unlinkat per entry, relative to its open parent, once libc is loaded:
     * NIO's walk stats each entry twice and opens and deletes it by its whole path, which costs a probe
     * process more than a tenth of its cells' time.
     */
    static void deleteTree(Path root) throws IOException {
        if (!Posix.loaded()) {
            Trees.delete(root);
            return;
        }
        Posix posix = Posix.get();
        try (Posix.Dir parent = posix.openDir(root.getParent())) {
            remove(posix, parent, root.getFileName().toString());
        } catch (NativeCallException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A directory answers unlink with EISDIR (EPERM elsewhere than Linux): then its entries go first. */
    private static void remove(Posix posix, Posix.Dir at, String name) {
        CallResult r = posix.unlink(at, name, false);
        if (!r.succeeded() && ("EISDIR".equals(r.errno().name()) || "EPERM".equals(r.errno().name()))) {
            for (String child : posix.list(at, name)) {
                remove(posix, at, name + "/" + child);
            }
            r = posix.unlink(at, name, true);
        }
        if (!r.succeeded() && !"ENOENT".equals(r.errno().name())) {
            throw new NativeCallException("unlinkat", at.path().resolve(name), r.errno());
        }
    }
}
