package dev.fsconform.cli;

import dev.fsconform.app.AppJob;
import dev.fsconform.app.AppJobs;
import java.util.List;

/** The --apps option that probe, validate and matrix share: one grammar, said once, checked once. */
final class AppsOption {
    static final String SYNTAX = "none, all (every job but the opt-in ones), or job ids, comma-separated (all,maven)";

    private AppsOption() {
    }

    /** The jobs {@code value} names; a bad value is a usage error that says why. */
    static List<AppJob> jobs(String value) {
        try {
            return AppJobs.select(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--apps: " + e.getMessage());
        }
    }
}
