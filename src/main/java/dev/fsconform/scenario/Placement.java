package dev.fsconform.scenario;

/** How source and target parents relate. */
public enum Placement {
    SAME_DIR("same-dir"),
    CROSS_DIR("cross-dir"),
    /** Target parent on the second directory, which the caller puts on another mount. */
    CROSS_MOUNT("cross-mount");

    private final String token;

    Placement(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
