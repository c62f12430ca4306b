package dev.fsconform.pattern;

import dev.fsconform.sys.Errno;
import java.nio.file.Path;

/**
 * How one application pattern fared. {@code outcome}: OK (worked the way the tool intends),
 * FALLBACK (worked only through the tool's fallback, e.g. mv's copy), WRONG_STATE (claimed success,
 * left the wrong state), or the errno name of the step that failed. {@code source}/{@code target}
 * are the parents of the critical step, for cause attribution.
 */
public record PatternResult(String outcome, Errno errno, String failedCall, String log, Path source, Path target) {
}
