package dev.fsconform.probe;

import dev.fsconform.operation.Operation;
import dev.fsconform.scenario.Kind;
import dev.fsconform.scenario.Scenario;
import java.util.Set;

/**
 * What Linux promises on a plain local filesystem (tmpfs, ext4), written independently of the
 * grading tables as a cross-check: rename(2), link(2), renameat2(2) ERRORS and OpenJDK 17's
 * Files.move. Sets, because POSIX allows ENOTEMPTY or EEXIST for a non-empty directory target.
 */
final class LocalOracle {
    private LocalOracle() {
    }

    static Set<String> expected(Operation op, Scenario s, boolean root) {
        if (op == Operation.RENAMEAT2_WHITEOUT && !root) {
            return Set.of("EPERM");
        }
        return s.crossMount() ? acrossMounts(op, s) : sameMount(op, s.source(), s.target());
    }

    private static Set<String> sameMount(Operation op, Kind src, Kind dst) {
        switch (op) {
            case RENAME:
            case RENAMEAT:
            case RENAMEAT2:
            case RENAMEAT2_WHITEOUT:
                return renameOnto(src, dst);
            case RENAMEAT2_NOREPLACE:
                return Set.of(dst == null ? "OK" : "EEXIST");
            case RENAMEAT2_EXCHANGE:
                return Set.of(dst == null ? "ENOENT" : "OK");
            case LINK:
            case LINKAT:
                return Set.of(dst == null ? "OK" : "EEXIST");
            case FILES_MOVE:
                return Set.of(dst == null ? "OK" : "FileAlreadyExistsException");
            case FILES_MOVE_REPLACE:
                // The JDK deletes an existing target first (rmdir for a directory), then renames.
                return Set.of(dst == Kind.DIR ? "DirectoryNotEmptyException" : "OK");
            case FILES_MOVE_ATOMIC:
                return javaAtomic(renameOnto(src, dst));
            case MV:
                return mv(src, dst);
            default:
                throw new AssertionError(op);
        }
    }

    private static Set<String> renameOnto(Kind src, Kind dst) {
        if (dst == null) {
            return Set.of("OK");
        }
        if (!src.directory()) {
            return Set.of(dst.directory() ? "EISDIR" : "OK");
        }
        if (!dst.directory()) {
            return Set.of("ENOTDIR");
        }
        return dst == Kind.DIR ? Set.of("ENOTEMPTY", "EEXIST") : Set.of("OK");
    }

    private static Set<String> javaAtomic(Set<String> rename) {
        if (rename.contains("OK")) {
            return Set.of("OK");
        }
        return rename.contains("EEXIST") ? Set.of("FileSystemException", "FileAlreadyExistsException") : Set.of("FileSystemException");
    }

    /** GNU mv -T refuses type mismatches itself (exit 1, no errno) before calling rename. */
    private static Set<String> mv(Kind src, Kind dst) {
        if (dst == null) {
            return Set.of("OK");
        }
        if (src.directory() != dst.directory()) {
            return Set.of("exit-1");
        }
        return dst == Kind.DIR ? Set.of("ENOTEMPTY", "EEXIST") : Set.of("OK");
    }

    private static Set<String> acrossMounts(Operation op, Scenario s) {
        switch (op) {
            case FILES_MOVE_ATOMIC:
                return Set.of("AtomicMoveNotSupportedException");
            case FILES_MOVE:
                if (s.targetExists()) {
                    return Set.of("FileAlreadyExistsException");
                }
                return Set.of(s.source() == Kind.DIR ? "DirectoryNotEmptyException" : "COPIED");
            case FILES_MOVE_REPLACE:
                if (s.source() == Kind.DIR) {
                    // Known JDK behaviour: an existing target is deleted before the copy is refused.
                    return Set.of(s.targetExists() ? "PARTIAL" : "DirectoryNotEmptyException");
                }
                return Set.of("COPIED");
            case MV:
                return Set.of("COPIED");
            case LINK:
            case LINKAT:
                // do_linkat looks the new name up (EEXIST) before it compares the mounts (EXDEV).
                return Set.of(s.targetExists() ? "EEXIST" : "EXDEV");
            default:
                return Set.of("EXDEV");
        }
    }
}
