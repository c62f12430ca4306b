package dev.fsconform.operation;

import dev.fsconform.sys.Errno;
import java.util.Map;

/**
 * Recovers an errno from glibc's strerror text, which is all Java exceptions and mv's messages keep.
 * Only messages that name one errno unambiguously are mapped.
 */
final class Strerror {
    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("Invalid cross-device link", "EXDEV"),
            Map.entry("Operation not permitted", "EPERM"),
            Map.entry("Permission denied", "EACCES"),
            Map.entry("Function not implemented", "ENOSYS"),
            Map.entry("Invalid argument", "EINVAL"),
            Map.entry("Directory not empty", "ENOTEMPTY"),
            Map.entry("File exists", "EEXIST"),
            Map.entry("Is a directory", "EISDIR"),
            Map.entry("Not a directory", "ENOTDIR"),
            Map.entry("No such file or directory", "ENOENT"),
            Map.entry("Read-only file system", "EROFS"),
            Map.entry("Device or resource busy", "EBUSY"));

    private Strerror() {
    }

    /** The errno whose message appears in {@code text}, or null. */
    static Errno errnoIn(String text) {
        if (text == null) {
            return null;
        }
        for (Map.Entry<String, String> e : TEXT.entrySet()) {
            if (text.contains(e.getKey())) {
                return Errno.named(e.getValue());
            }
        }
        return null;
    }
}
