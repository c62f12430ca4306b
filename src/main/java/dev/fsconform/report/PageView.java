package dev.fsconform.report;

import java.util.List;

/**
 * What the Mustache template shows outside the matrix (which the page's script draws from
 * {@code data}). Every string here is escaped by the template; none is trusted.
 */
record PageView(String title, String tool, String generatedAt, Summary summary, List<KernelRow> kernels,
                List<EnvCard> environments, String csp, String data, Truncation truncated) {

    public boolean hasKernels() {
        return !kernels.isEmpty();
    }

    /**
     * The page shows only the first {@code shown} of {@code total} environments, to stay within its size
     * budget; null when it shows all. {@code leftOut} names the first few left out, {@code more} counts the rest.
     */
    record Truncation(String budget, int shown, int total, long shownCells, long totalCells, String leftOut, int more,
                      String json) {
        public boolean hasMore() {
            return more > 0;
        }
    }

    /** One guest kernel: what it is, how it was run, and how many of its environments ran. */
    record KernelRow(String name, String release, String suite, String accel, String landlock, String lsm,
                     int environments, long ran, long notRun) {
    }

    record Summary(int environments, int ran, long cells, List<Count> grades, List<Count> statuses,
                   List<Finding> findings, int moreFindings) {
        public boolean noFindings() {
            return findings.isEmpty();
        }

        public boolean hasMore() {
            return moreFindings > 0;
        }
    }

    /** {@code css} is a fixed class name chosen by the code, never taken from data. */
    record Count(String label, String css, long count) {
    }

    /** @param operation the single operation involved, or "" (used to filter the matrix on click) */
    record Finding(String grade, String css, String outcome, int cells, String what, String operation,
                   int environments, String environmentNames, String causes, String rationale) {
    }

    record EnvCard(int column, String name, String group, String status, String statusCss, String reason, String description,
                   String diagnosis, List<Fact> facts, List<Mount> mounts, List<Fact> labels, List<Count> counts,
                   List<CauseView> causes) {
        public boolean hasMounts() {
            return !mounts.isEmpty();
        }

        public boolean hasLabels() {
            return !labels.isEmpty();
        }

        public boolean hasCauses() {
            return !causes.isEmpty();
        }
    }

    record Fact(String key, String value) {
    }

    record Mount(String role, String path, String fsType, String statfsType, String mountPoint, String source,
                 String mountOptions, String superOptions, String mountId, String dev) {
    }

    record CauseView(String id, String title, List<String> evidence, String fix) {
    }
}
