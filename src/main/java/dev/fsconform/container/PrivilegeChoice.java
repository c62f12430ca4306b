package dev.fsconform.container;

/**
 * Whether real --privileged works on this engine, learnt once per run: the first inner engine tries it,
 * and if the engine refuses, it and every later one use the explicit capability set.
 */
final class PrivilegeChoice {
    private String refused;

    /** What to try next for an inner engine on {@code driver}. */
    synchronized Privilege next(String driver) {
        return refused == null ? Privilege.full() : Privilege.fallback(driver, BoundingSet.read(), refused);
    }

    /** --privileged failed with {@code message}: fall back from now on. */
    synchronized void refused(String message) {
        if (refused == null) {
            BoundingSet bounding = BoundingSet.read();
            refused = "docker --privileged failed here (" + message + ")"
                    + (bounding.missing().isEmpty() ? "" : "; root's capability bounding set lacks "
                    + String.join(",", bounding.missing()));
        }
    }
}
