package dev.fsconform.env;

/** An environment's time budget, shared by its set-up and its probe. */
record Deadline(long startNanos, int budgetSeconds) {
    static Deadline in(int seconds) {
        return new Deadline(System.nanoTime(), seconds);
    }

    long remainingMillis() {
        long left = budgetSeconds * 1_000L - (System.nanoTime() - startNanos) / 1_000_000;
        return Math.max(left, 1);
    }
}
