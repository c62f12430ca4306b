package dev.fsconform.cli;

import dev.fsconform.report.Report;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one-screen summary of a matrix run: a header, then one line per environment from the shared
 * verdict model (the page shows the same verdicts), then what root would add.
 */
final class MatrixSummary {
    private MatrixSummary() {
    }

    static void print(MatrixRun report, List<EnvironmentVerdict> verdicts, long millis, Path outDir, PrintStream out) {
        List<EnvironmentResult> rs = report.results();
        Map<EnvStatus, Long> byStatus = rs.stream().collect(Collectors.groupingBy(EnvironmentResult::status, TreeMap::new,
                Collectors.counting()));
        out.printf("fsconform matrix: %d environments on %s in %.1f s: %s%n", rs.size(), report.host(), millis / 1000.0,
                byStatus);
        ConsoleSummary.printCompact(verdicts, out);
        if (!report.root()) {
            List<String> needRoot = rs.stream().filter(r -> r.status() == EnvStatus.SKIPPED && r.reason() != null
                    && r.reason().startsWith("needs root")).map(EnvironmentResult::name).toList();
            if (!needRoot.isEmpty()) {
                out.println("  not root: running as root would add " + needRoot.size() + " environment(s): "
                        + String.join(", ", needRoot));
            }
        }
        out.println("  results: " + outDir.resolve(Report.JSON) + "  page: " + outDir.resolve(Report.HTML));
    }
}
