package dev.fsconform.container;

/** A container fsconform was asked to use cannot run the probe; the message is one line. */
public final class ContainerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ContainerException(String message) {
        super(message);
    }
}
