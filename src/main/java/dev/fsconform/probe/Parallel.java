package dev.fsconform.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs cells on worker threads and hands their results on in the order given, on the calling thread.
 * Whatever ends the run early (a failing cell, a listener that stops it, shutdown) cancels the cells
 * not yet started and waits for the running ones, so none is still making files when the scratch
 * directory is removed.
 */
final class Parallel {
    private Parallel() {
    }

    static void run(List<Probe.Cell> cells, int jobs, Consumer<Probe.Timed> inOrder) throws IOException {
        AtomicInteger id = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "fsconform-cell-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Probe.Timed>> results = new ArrayList<>(cells.size());
            for (Probe.Cell c : cells) {
                results.add(pool.submit(c::call));
            }
            for (Future<Probe.Timed> f : results) {
                inOrder.accept(f.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("probe interrupted", e);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
