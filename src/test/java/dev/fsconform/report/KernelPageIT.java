package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * The kernel axis on the page, in Chromium, from real kernel rows (recorded under TCG by `fsconform
 * matrix --no-docker --kernels ci --only 'tmpfs@kernel-*,landlock-abi1@kernel-*,landlock-best-effort@kernel-*'`
 * on Debian's 5.10 and sid kernels; kept apart from recorded/, whose files every fuzzer and the page
 * budget read): the kernel band, the filter of cells that differ
 * across kernels and the diff of one environment on two kernels, each checked against what the
 * graded results say, not against the page's own idea of a difference.
 */
class KernelPageIT {
    static final Path RECORDED = Path.of("src/test/resources/recorded-kernels/kernels.json.gz");
    /** A third kernel whose name and release are markup: shown as text, never run. */
    private static final String HOSTILE_AXIS = "kernel-<img src=x onerror=alert(1)>";
    private static final String HOSTILE_RELEASE = "<b>7.0</b>\"'&";

    private static Browser browser;
    private static Path page;
    private static List<EnvironmentVerdict> verdicts;

    @BeforeAll
    static void page() throws IOException {
        browser = Browser.startOrSkip();
        ResultsFile recorded = Inputs.read(RECORDED).file();
        List<EnvironmentResult> envs = new ArrayList<>(recorded.environments());
        EnvironmentResult sid = envs.stream().filter(e -> e.name().equals("tmpfs@kernel-sid")).findFirst().orElseThrow();
        envs.add(onHostileKernel(sid));
        ResultsFile file = ResultsFile.of(recorded.tool(), recorded.generatedAt(), envs);
        verdicts = Verdicts.of(file);
        Path dir = Path.of("target", "browser", "kernels");
        Report.write(file, verdicts, dir);
        page = dir.resolve(Report.HTML);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static EnvironmentResult onHostileKernel(EnvironmentResult env) {
        Fingerprint fp = env.fingerprint();
        Map<String, String> labels = new LinkedHashMap<>(fp.labels());
        labels.put("kernel.axis", HOSTILE_AXIS);
        labels.put("kernel.release", HOSTILE_RELEASE);
        Fingerprint moved = new Fingerprint(fp.kernel(), fp.arch(), fp.javaVersion(), fp.hostname(), fp.uid(), fp.capEff(),
                fp.seccompMode(), fp.seccompFilters(), fp.noNewPrivs(), fp.landlockAbi(), fp.landlockRestricted(),
                fp.mounts(), labels);
        return new EnvironmentResult("tmpfs@" + HOSTILE_AXIS, env.group(), env.description(), env.status(), env.reason(),
                moved, env.durationMillis(), env.cells());
    }

    private static String base(String name) {
        int at = name.lastIndexOf("@kernel-");
        return at < 0 ? name : name.substring(0, at);
    }

    /** What a column says for a row: status, outcome and grade of its cell, or that it did not run at all. */
    private static String said(EnvironmentVerdict v, String row) {
        if (v.env().status() != EnvStatus.RAN) {
            return "not run: " + v.env().status();
        }
        for (GradedCell c : v.cells()) {
            Observation o = c.observation();
            if ((o.operation() + " × " + o.scenario()).equals(row)) {
                return o.status() + " " + o.outcome() + " " + c.grade();
            }
        }
        return null;
    }

    /** Expected: "env | op × scenario" for every column of an environment whose kernels disagree on that row. */
    private static Set<String> differingCells() {
        Map<String, List<EnvironmentVerdict>> families = new LinkedHashMap<>();
        verdicts.forEach(v -> families.computeIfAbsent(base(v.env().name()), b -> new ArrayList<>()).add(v));
        Set<String> rows = new LinkedHashSet<>();
        verdicts.forEach(v -> v.cells().forEach(c -> rows.add(c.observation().operation() + " × " + c.observation().scenario())));
        Set<String> out = new HashSet<>();
        families.values().stream().filter(f -> f.size() > 1).forEach(f -> rows.forEach(row -> {
            Set<String> seen = new HashSet<>();
            f.forEach(v -> {
                String s = said(v, row);
                if (s != null) {
                    seen.add(s);
                }
            });
            if (seen.size() > 1) {
                f.forEach(v -> out.add(v.env().name() + " | " + row));
            }
        }));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> shownDifferingCells() {
        return (List<String>) browser.js("const names = Array.from(document.querySelectorAll('#matrix tr.envs th.env a'))"
                + ".map(a => a.textContent);"
                + "return Array.from(document.querySelectorAll('#matrix td.xk')).map(td => {"
                + " const op = td.closest('tbody').querySelector('tr.op th').textContent.split(' — ')[0];"
                + " return names[td.cellIndex - 1] + ' | ' + op + ' × ' + td.parentNode.querySelector('th').textContent; })");
    }

    private static long count(String css) {
        return ((Number) browser.js("return document.querySelectorAll(arguments[0]).length", css)).longValue();
    }

    @Test
    void kernelsAreAnAxisSeenAtAGlance() throws IOException {
        browser.open(page);
        browser.screenshot("kernels");
        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        // THEN the header has a kernel band: each kernel once, over its own columns, with its release ...
        List<String> band = browser.driver.findElements(By.cssSelector("#matrix tr.kernels th.kband")).stream()
                .map(th -> th.getAttribute("textContent")).toList();
        assertThat(band).hasSize(3);
        assertThat(band.get(0)).startsWith("kernel-5.10 · 5.10.");
        assertThat(band.get(1)).startsWith("kernel-sid · ");
        assertThat(band.get(2)).isEqualTo(HOSTILE_AXIS + " · " + HOSTILE_RELEASE);
        // ... the summary lists each kernel with its Landlock ...
        String kernels = browser.driver.findElement(By.id("kernels")).getText();
        assertThat(kernels).contains("kernel-5.10", "bullseye", "tcg", "none", "kernel-sid", "ABI ");
        // ... and markup in a kernel's name stayed text
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> browser.driver.switchTo().alert())
                .isInstanceOf(NoAlertPresentException.class);
        assertThat(count("img")).isZero();
        assertThat(kernels).contains(HOSTILE_AXIS, HOSTILE_RELEASE);
        // WHEN one kernel is chosen THEN only its columns remain
        new Select(browser.driver.findElement(By.id("f-kernel"))).selectByValue("kernel-sid");
        assertThat(browser.driver.findElements(By.cssSelector("#matrix th.env a"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getAttribute("textContent")).endsWith("@kernel-sid"));
    }

    @Test
    void theFilterShowsExactlyTheCellsThatDifferAcrossKernels() throws IOException {
        browser.open(page);
        Set<String> expected = differingCells();
        // GIVEN the recorded kernels: Landlock is absent on 5.10, so a Landlock row differs in every cell
        assertThat(expected).anyMatch(c -> c.startsWith("landlock-abi1@kernel-5.10 | rename × "))
                .anyMatch(c -> c.startsWith("landlock-abi1@kernel-sid | rename × "));
        // WHEN only the cells that differ across kernels are asked for
        browser.driver.findElement(By.id("f-xkernel")).click();
        browser.screenshot("kernels-differ");
        // THEN exactly those cells are marked, and every row shown holds one
        assertThat(new HashSet<>(shownDifferingCells())).isEqualTo(expected);
        assertThat(browser.js("return Array.from(document.querySelectorAll('#matrix tbody tr:not(.op)'))"
                + ".every(tr => tr.querySelector('td.xk'))")).isEqualTo(true);
        Set<String> rows = new HashSet<>();
        expected.forEach(c -> rows.add(c.substring(c.indexOf(" | ") + 3)));
        assertThat(browser.driver.findElement(By.id("f-count")).getText()).startsWith(rows.size() + " of ");
        // ... on 5.10 that cell is the environment's skip, on sid a real cell
        assertThat(browser.js("const names = Array.from(document.querySelectorAll('#matrix tr.envs th.env a')).map(a => a.textContent);"
                + "const td = Array.from(document.querySelectorAll('#matrix td.xk')).find(td => names[td.cellIndex - 1] === arguments[0]);"
                + "return td.className", "landlock-abi1@kernel-5.10")).asString().contains("s-skipped");
        assertThat(browser.driver.findElement(By.id("sum-xk")).getText()).startsWith(rows.size() + " of ");
    }

    @Test
    void theDiffComparesOneEnvironmentOnTwoKernels() throws IOException {
        browser.open(page);
        // WHEN landlock-abi1 is chosen for the kernel diff (oldest against newest by default)
        Select base = new Select(browser.driver.findElement(By.id("d-base")));
        base.selectByVisibleText("landlock-abi1 (2 kernels)");
        // THEN A is its 5.10 column, B its sid column, and every row differs: skipped against a real cell
        String head = browser.driver.findElement(By.cssSelector("#diff thead")).getText();
        assertThat(head).contains("A: landlock-abi1@kernel-5.10 on kernel-5.10 (5.10.", "B: landlock-abi1@kernel-sid on kernel-sid (");
        EnvironmentVerdict sid = verdicts.stream().filter(v -> v.env().name().equals("landlock-abi1@kernel-sid")).findFirst().orElseThrow();
        long rows = count("#diff tbody tr");
        assertThat(rows).isEqualTo(sid.cells().size());
        assertThat(count("#diff tbody td.missing.s-skipped")).isEqualTo(rows);
        // ... and the cross-directory rename, refused by an ABI 1 ruleset, is among them
        String crossDir = sid.cells().stream().map(GradedCell::observation)
                .filter(o -> o.operation().equals("rename") && o.scenario().equals("file-cross-dir")).findFirst().orElseThrow().outcome();
        assertThat(crossDir).isEqualTo("EXDEV");
        assertThat(browser.driver.findElement(By.id("diff")).getText()).contains("rename × file-cross-dir", "EXDEV");
        // WHEN tmpfs's card asks for its diff against sid THEN the diff shows what the results say differs
        browser.js("const b = Array.from(document.querySelectorAll('.kcompare button')).find(b =>"
                + " b.closest('.env').querySelector('.env-name').textContent === 'tmpfs@kernel-5.10' && b.textContent === 'kernel-sid');"
                + " b.click()");
        assertThat(new Select(browser.driver.findElement(By.id("d-base"))).getFirstSelectedOption().getText()).startsWith("tmpfs ");
        long tmpfsDiffers = differingCells().stream().filter(c -> c.startsWith("tmpfs@kernel-5.10 | ")).count();
        assertThat(browser.driver.findElement(By.id("d-count")).getText()).startsWith(tmpfsDiffers + " of ").endsWith(" rows differ");
    }
}
