package dev.fsconform.junit;

import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.validate.Validator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The validation running on its own thread while JUnit reports: each thing the probe says becomes an
 * {@link Event} in a queue that the test stream takes from, so a cell is a finished test as soon as
 * the sandbox's probe finished it, not after the last directory.
 */
final class LiveRun {
    /** Past the run's own time limit, how long the reader waits for the run to give up on its own. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    sealed interface Event permits Started, Cell, Finished, Done {
    }

    record Started(String env, Fingerprint fingerprint) implements Event {
    }

    record Cell(String env, Observation cell) implements Event {
    }

    record Finished(EnvironmentResult env) implements Event {
    }

    /** The whole run ended: its results, or why it could not run at all. */
    record Done(Validator.Run run, RuntimeException failure) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final long deadline;
    private volatile Done done;

    private LiveRun(Validator validator, List<String> dirs, Duration timeLimit) {
        this.deadline = System.nanoTime() + timeLimit.plus(GRACE).toNanos();
        Validator.Listener listener = new Validator.Listener() {
            @Override
            public void started(String env, Fingerprint fingerprint) {
                events.add(new Started(env, fingerprint));
            }

            @Override
            public void cell(String env, Observation cell) {
                events.add(new Cell(env, cell));
            }

            @Override
            public void finished(EnvironmentResult env) {
                events.add(new Finished(env));
            }
        };
        this.thread = new Thread(() -> {
            try {
                events.add(new Done(validator.run(dirs, false, listener, timeLimit), null));
            } catch (RuntimeException e) {
                events.add(new Done(null, e));
            }
        }, "fsconform-probe");
        thread.setDaemon(true);
    }

    static LiveRun start(Validator validator, List<String> dirs, Duration timeLimit) {
        LiveRun r = new LiveRun(validator, dirs, timeLimit);
        r.thread.start();
        return r;
    }

    /** The end of the run (after every directory's events), or null when it outlived its time limit. */
    Done awaitDone() {
        for (Event e = next(); e != null; e = next()) {
            if (e instanceof Done d) {
                return d;
            }
        }
        return null;
    }

    /** The next event, or null when the run outlived its time limit (it is then interrupted, which stops the probe). */
    Event next() {
        if (done != null) {
            return done;
        }
        try {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                thread.interrupt();
            } else if (e instanceof Done d) {
                done = d;
            }
            return e;
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
