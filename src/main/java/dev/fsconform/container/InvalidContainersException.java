package dev.fsconform.container;

/** The container environments file cannot be used; the message is one line naming the file and the entry. */
public final class InvalidContainersException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidContainersException(String message) {
        super(message);
    }
}
