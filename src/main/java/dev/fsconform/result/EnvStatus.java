package dev.fsconform.result;

/** Harness status of a whole environment; only RAN environments carry measured cells. */
public enum EnvStatus {
    RAN, SKIPPED, SETUP_ERROR, TIMEOUT
}
