package dev.fsconform.result;

/** Harness status of one cell, kept apart from what the kernel did (the outcome) and its grade. */
public enum CellStatus {
    /** The operation ran; outcome and post-state are measurements. */
    RAN,
    /** The operation has nothing to say about this scenario; the reason says why. */
    NOT_APPLICABLE,
    /** Could not run here (no second mount, no seeds, no mv); the reason says what is missing. */
    SKIPPED,
    /** The fixture could not be built; the reason holds the error. Never a verdict on the kernel. */
    SETUP_ERROR
}
