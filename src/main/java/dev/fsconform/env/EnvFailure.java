package dev.fsconform.env;

import dev.fsconform.result.EnvStatus;

/**
 * Why an environment did not produce cells: SKIPPED (this machine cannot build it: the kernel
 * refused, a tool or privilege is missing), SETUP_ERROR (it should have worked) or TIMEOUT.
 * The message is one line and goes into the results as the reason.
 */
public final class EnvFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final EnvStatus status;

    private EnvFailure(EnvStatus status, String message) {
        super(message);
        this.status = status;
    }

    public static EnvFailure skipped(String reason) {
        return new EnvFailure(EnvStatus.SKIPPED, reason);
    }

    public static EnvFailure setupError(String reason) {
        return new EnvFailure(EnvStatus.SETUP_ERROR, reason);
    }

    public static EnvFailure timeout(String reason) {
        return new EnvFailure(EnvStatus.TIMEOUT, reason);
    }

    public EnvStatus status() {
        return status;
    }
}
