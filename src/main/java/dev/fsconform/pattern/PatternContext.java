package dev.fsconform.pattern;

import java.nio.file.Path;

/**
 * Where one pattern run may work: its own directory on the primary root, a directory on the second
 * root (a "temp dir on another mount", or null), and its seeded fixture (or null).
 */
public record PatternContext(Path dir, Path otherMountDir, Path seeded) {
}
