package dev.fsconform.env;

import java.nio.file.Path;

/**
 * Where a built backend lets the probe work: the directory (holding a seed tree) and, for the
 * cross-mount scenarios, a second directory elsewhere (null when the backend has none).
 */
record Mounted(Path dir, Path second) {
}
