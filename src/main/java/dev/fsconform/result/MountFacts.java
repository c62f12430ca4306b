package dev.fsconform.result;

/**
 * One directory's mount as /proc/self/mountinfo describes it, plus the statfs type that serves it.
 * What could not be seen is {@link #UNKNOWN}, never null (results written before that rule are read
 * the same way), and a mount id of 0 means the id is unknown.
 */
public record MountFacts(String role, String path, long mountId, String dev, String mountPoint, String fsType,
                         String source, String mountOptions, String superOptions, String statfsType) {
    public static final String UNKNOWN = "unknown";

    public MountFacts {
        role = known(role);
        path = known(path);
        dev = known(dev);
        mountPoint = known(mountPoint);
        fsType = known(fsType);
        source = known(source);
        mountOptions = known(mountOptions);
        superOptions = known(superOptions);
        statfsType = known(statfsType);
        mountId = Math.max(0, mountId);
    }

    /** Whether the mount table gave this mount; false when only stat and statfs saw it. */
    public boolean inMountTable() {
        return !UNKNOWN.equals(mountPoint);
    }

    private static String known(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }
}
