package dev.fsconform.result;

/** One directory's mount as /proc/self/mountinfo describes it, plus the statfs type that serves it. */
public record MountFacts(String role, String path, long mountId, String dev, String mountPoint, String fsType,
                         String source, String mountOptions, String superOptions, String statfsType) {
}
