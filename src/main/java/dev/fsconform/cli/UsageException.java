package dev.fsconform.cli;

/** The user's input cannot work: reported as one line, exit 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
