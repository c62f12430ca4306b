package dev.fsconform.validate;

/** The sandbox cannot run the probe at all (no such prefix, no Java, image unreachable). */
public final class SandboxUnusableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxUnusableException(String message) {
        super(message);
    }
}
