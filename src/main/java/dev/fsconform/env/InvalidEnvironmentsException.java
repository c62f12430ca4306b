package dev.fsconform.env;

/** The environments file cannot be used; the message is one line naming the file and the entry. */
public final class InvalidEnvironmentsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidEnvironmentsException(String message) {
        super(message);
    }
}
