package dev.fsconform.container;

import dev.fsconform.result.EnvStatus;

/**
 * An engine or container could not do what an environment needs; the message is one line. The status
 * says what it makes of the environment: SKIPPED for facts about the machine (no engine, no /dev/fuse,
 * no btrfs in the kernel), TIMEOUT, or SETUP_ERROR for anything else.
 */
final class EngineException extends Exception {
    private static final long serialVersionUID = 1L;

    private final EnvStatus status;

    EngineException(String message) {
        this(message, EnvStatus.SETUP_ERROR);
    }

    EngineException(String message, EnvStatus status) {
        super(message);
        this.status = status;
    }

    EnvStatus status() {
        return status;
    }
}
