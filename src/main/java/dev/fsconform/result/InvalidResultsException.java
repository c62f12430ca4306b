package dev.fsconform.result;

/** A results file that cannot be used; the message is one line naming the file and the problem. */
public final class InvalidResultsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidResultsException(String message) {
        super(message);
    }
}
