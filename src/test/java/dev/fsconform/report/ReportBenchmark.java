package dev.fsconform.report;

import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Size and speed of the report page for merged files of 100 environments × 400 cells (by default),
 * realistic and worst case, graded by the real grader and opened in headless Chromium. Run by
 * bench/report-size.sh from the project directory (it reads the recorded environments).
 * Usage: ReportBenchmark OUTDIR [ENVIRONMENTS] [CELLS] [RUNS]
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int envs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int cells = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        System.out.printf(Locale.ROOT, "matrix: %d environments x %d cells = %d cells%n", envs, cells, envs * cells);
        measure("realistic: recorded real environments, each copy from its own runner",
                Synthetic.fromRecorded(envs, cells), out.resolve("realistic"), runs);
        measure("worst case: every cell random (no two environments alike)",
                Synthetic.results(envs, cells, 1), out.resolve("random"), runs);
    }

    private static void measure(String title, ResultsFile merged, Path out, int runs) throws Exception {
        System.out.println("== " + title);
        long t0 = System.nanoTime();
        List<EnvironmentVerdict> verdicts = Verdicts.of(merged);
        long t1 = System.nanoTime();
        Report.write(merged, verdicts, out);
        long t2 = System.nanoTime();
        Path page = out.resolve(Report.HTML);
        String html = Files.readString(page);
        int dataStart = html.indexOf("id=\"fsc-data\">");
        int dataBytes = html.indexOf("</script>", dataStart) - dataStart;
        System.out.printf(Locale.ROOT, "page:   %s (embedded data %s), matrix.json %s%n", mb(Files.size(page)), mb(dataBytes),
                mb(Files.size(out.resolve(Report.JSON))));
        int notice = html.indexOf("show the first ");
        System.out.println(notice < 0 ? "page:   whole (within the budget)"
                : "page:   truncated to the budget: " + html.substring(notice, html.indexOf(").", notice) + 1).replaceAll("\\s+", " "));
        System.out.printf(Locale.ROOT, "java:   grading %d ms, page + json %d ms (one run)%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        if (!Browser.available()) {
            System.out.println("chromium: not installed (" + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER + "): no render time");
            return;
        }
        List<Double> built = new ArrayList<>();
        List<Double> painted = new ArrayList<>();
        List<Double> refilter = new ArrayList<>();
        long inDom = 0;
        try (Browser browser = Browser.start()) {
            for (int i = 0; i < runs + 1; i++) {
                browser.open(page);
                double b = ((Number) browser.js("return window.fsconformRenderedAt")).doubleValue();
                double p = ((Number) browser.js("return new Promise(r => { const t = () => window.fsconformPaintedAt"
                        + " ? r(window.fsconformPaintedAt) : setTimeout(t, 10); t(); })")).doubleValue();
                double f = ((Number) browser.js("const s = performance.now(); const e = document.getElementById('f-exdev');"
                        + " e.checked = true; e.dispatchEvent(new Event('change')); e.checked = false;"
                        + " e.dispatchEvent(new Event('change')); return (performance.now() - s) / 2")).doubleValue();
                inDom = ((Number) browser.js("return document.querySelectorAll('#matrix tbody td').length")).longValue();
                if (i > 0) {
                    built.add(b);
                    painted.add(p);
                    refilter.add(f);
                }
            }
        }
        System.out.printf(Locale.ROOT, "chromium (%d runs after 1 warm-up; ms since navigation start; %d cells in the DOM):%n",
                runs, inDom);
        System.out.printf(Locale.ROOT, "  table built:          %s%n", stats(built));
        System.out.printf(Locale.ROOT, "  first frame painted:  %s%n", stats(painted));
        System.out.printf(Locale.ROOT, "  re-filter (redraw):   %s%n", stats(refilter));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB (%d bytes)", bytes / 1_000_000.0, bytes);
    }

    private static String stats(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        return String.format(Locale.ROOT, "median %.0f  min %.0f  max %.0f", v.get(v.size() / 2), v.get(0), v.get(v.size() - 1));
    }
}
