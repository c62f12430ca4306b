package dev.fsconform.sys;

/**
 * What {@code landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)} said: the Landlock ABI
 * this kernel offers, or the errno telling why it offers none.
 *
 * @param version the ABI version; meaningful only when {@code unavailable} is null
 * @param unavailable null when the kernel answered with a version
 */
public record LandlockAbi(int version, Errno unavailable) {
    private static final int ENOSYS = 38;
    private static final int EOPNOTSUPP = 95;

    public boolean available() {
        return unavailable == null && version > 0;
    }

    /** Landlock is built in but not enabled at boot: then no Landlock domain can exist. */
    public boolean disabledAtBoot() {
        return unavailable != null && unavailable.number() == EOPNOTSUPP;
    }

    /** As results record it: the version, or the negated errno when there is none. */
    public int recorded() {
        return unavailable == null ? version : -unavailable.number();
    }

    /** Why Landlock cannot be used here, for people; null when it can. */
    public String reason() {
        if (available()) {
            return null;
        }
        if (unavailable == null) {
            return "landlock_create_ruleset(VERSION) returned " + version;
        }
        String hint = switch (unavailable.number()) {
            case ENOSYS -> ": kernel built without Landlock, or the syscall is filtered by seccomp";
            case EOPNOTSUPP -> ": Landlock is built in but not enabled at boot (lsm=)";
            default -> "";
        };
        return "landlock_create_ruleset(VERSION): " + unavailable.describe() + hint;
    }
}
