package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/** The page in a real browser: offline, filterable, clickable, diffable, and inert to hostile names. */
class MatrixPageIT {
    private static Browser browser;
    private static Path synthetic;
    private static Path hostile;

    @BeforeAll
    static void pages() throws IOException {
        browser = Browser.startOrSkip();
        Path dir = Files.createDirectories(Path.of("target", "browser"));
        ResultsFile random = Synthetic.results(12, 300, 5);
        List<EnvironmentResult> envs = new java.util.ArrayList<>(random.environments());
        envs.add(EnvironmentResult.notRun("gvisor", "containers", "runsc", EnvStatus.TIMEOUT, "runsc did not answer in 60 s", 60_000));
        ResultsFile syn = ResultsFile.of(random.tool(), random.generatedAt(), envs);
        Report.write(syn, FakeVerdicts.of(syn), dir.resolve("synthetic"));
        synthetic = dir.resolve("synthetic").resolve(Report.HTML);
        ResultsFile bad = Hostile.results();
        Report.write(bad, FakeVerdicts.of(bad), dir.resolve("hostile"));
        hostile = dir.resolve("hostile").resolve(Report.HTML);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private static List<WebElement> cells() {
        return browser.driver.findElements(By.cssSelector("#matrix tbody td"));
    }

    private static long count(String css) {
        return ((Number) browser.js("return document.querySelectorAll(arguments[0]).length", css)).longValue();
    }

    @Test
    void loadsWithoutConsoleErrorsOrAnyNetworkRequest() throws IOException {
        // GIVEN the page opened from disk
        browser.open(synthetic);
        browser.screenshot("matrix-synthetic");
        // THEN the console has no errors (a CSP violation would be one) ...
        List<LogEntry> console = browser.driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        // ... the page loaded no resource at all ...
        assertThat(browser.js("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        // ... and the only request the browser made was for the page itself
        List<String> requests = browser.driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("\"Network.requestWillBeSent\"")).toList();
        assertThat(requests).isNotEmpty().allSatisfy(m -> assertThat(m).contains("\"url\":\"file://"));
        assertThat(requests).hasSize(1);
        assertThat(cells()).hasSize(13 * 300);
    }

    @Test
    void anEnvironmentThatDidNotRunShowsItsStatusAndReason() {
        browser.open(synthetic);
        // GIVEN the environment that timed out
        WebElement header = browser.driver.findElement(By.cssSelector("#matrix th.env.notrun a"));
        // THEN its column is marked, its cells say why, and its card gives the reason
        assertThat(header.getAttribute("textContent")).isEqualTo("gvisor");
        assertThat(count("#matrix td.missing.s-timeout")).isEqualTo(300);
        assertThat(browser.driver.findElement(By.cssSelector("#matrix td.s-timeout")).getAttribute("title"))
                .isEqualTo("runsc did not answer in 60 s");
        String card = header.getAttribute("href").substring(header.getAttribute("href").indexOf('#') + 1);
        assertThat(browser.driver.findElement(By.id(card)).getAttribute("textContent"))
                .contains("TIMEOUT", "runsc did not answer in 60 s");
    }

    @Test
    void filtersChangeTheVisibleCells() {
        browser.open(synthetic);
        long all = count("#matrix tbody td");
        // WHEN one operation is chosen
        new Select(browser.driver.findElement(By.id("f-op"))).selectByValue("rename");
        // THEN only its rows remain
        assertThat(count("#matrix tbody td")).isLessThan(all).isPositive();
        assertThat(count("#matrix tr.op")).isEqualTo(1);
        new Select(browser.driver.findElement(By.id("f-op"))).selectByValue("");
        // WHEN one group of environments is chosen
        new Select(browser.driver.findElement(By.id("f-group"))).selectByValue("sandboxes");
        // THEN only its columns remain
        assertThat(browser.driver.findElements(By.cssSelector("#matrix th.env"))).allSatisfy(
                th -> assertThat(th.findElement(By.tagName("a")).getAttribute("title")).contains("(sandboxes, RAN)"));
        new Select(browser.driver.findElement(By.id("f-group"))).selectByValue("");
        // WHEN only EXDEV is asked for
        browser.driver.findElement(By.id("f-exdev")).click();
        // THEN every visible row has an EXDEV cell
        assertThat(count("#matrix tbody tr:not(.op)")).isPositive();
        assertThat(browser.js("return Array.from(document.querySelectorAll('#matrix tbody tr:not(.op)'))"
                + ".every(tr => tr.textContent.includes('EXDEV'))")).isEqualTo(true);
        browser.driver.findElement(By.id("f-exdev")).click();
        // WHEN a grade is chosen, non-matching cells are dimmed and rows without it hidden
        new Select(browser.driver.findElement(By.id("f-grade"))).selectByValue("FORBIDDEN");
        assertThat(count("#matrix tbody td.g-forbidden")).isPositive();
        assertThat(count("#matrix tbody tr:not(.op)")).isEqualTo(count("#matrix tbody tr:has(td.g-forbidden)"));
        new Select(browser.driver.findElement(By.id("f-grade"))).selectByValue("");
        // WHEN only differing rows are asked for, every row shown has two different cells
        browser.driver.findElement(By.id("f-differ")).click();
        assertThat(browser.js("return Array.from(document.querySelectorAll('#matrix tbody tr:not(.op)')).every(tr =>"
                + " new Set(Array.from(tr.querySelectorAll('td')).map(td => td.className + td.textContent)).size > 1)"))
                .isEqualTo(true);
        browser.driver.findElement(By.id("f-differ")).click();
        // WHEN searching, the count line follows
        browser.driver.findElement(By.id("f-q")).sendKeys("symlink-onto-file-same");
        browser.js("return new Promise(r => setTimeout(r, 300))");
        assertThat(browser.driver.findElement(By.id("f-count")).getText()).startsWith("12 of 300 rows");
    }

    @Test
    void clickingACellShowsItsDetailWithAReproduction() throws IOException {
        browser.open(synthetic);
        // GIVEN a surprising EXDEV cell
        WebElement cell = browser.driver.findElement(By.cssSelector("#matrix tbody td.g-surprising"));
        // WHEN clicked
        cell.click();
        // THEN the detail shows outcome, errno, grade with rationale, post-state, where, cause and a repro
        WebElement detail = browser.driver.findElement(By.id("detail"));
        assertThat(detail.isDisplayed()).isTrue();
        String text = detail.getText();
        assertThat(text).contains("EXDEV", "18 EXDEV", "SURPRISING", "EXDEV on one mount breaks programs",
                "rename(2)", "exdev-same-mount", "Post-state", "inode kept", "mount ids", "overlayfs",
                "source and target on different mounts", "Fix: keep both paths on one mount", "Reproduce by hand",
                "set -e; cd \"$(mktemp -d)\"");
        browser.screenshot("matrix-detail");
        browser.driver.findElement(By.id("detail-close")).click();
        assertThat(detail.isDisplayed()).isFalse();
    }

    @Test
    void diffShowsOnlyRowsThatDiffer() {
        browser.open(synthetic);
        // WHEN environments 0 and 3 are compared
        new Select(browser.driver.findElement(By.id("d-a"))).selectByValue("0");
        new Select(browser.driver.findElement(By.id("d-b"))).selectByValue("3");
        // THEN every row shown has different cells, and the count matches the data
        long rows = count("#diff tbody tr");
        assertThat(rows).isPositive();
        assertThat(browser.js("return Array.from(document.querySelectorAll('#diff tbody tr')).every(tr => {"
                + " const [a, b] = tr.querySelectorAll('td'); return a.className + a.textContent !== b.className + b.textContent; })"))
                .isEqualTo(true);
        assertThat(browser.driver.findElement(By.id("d-count")).getText()).isEqualTo(rows + " of 300 rows differ");
        // WHEN an environment is compared with itself THEN nothing differs
        new Select(browser.driver.findElement(By.id("d-b"))).selectByValue("0");
        assertThat(browser.driver.findElements(By.cssSelector("#diff tbody tr"))).isEmpty();
    }

    @Test
    void hostileNamesAreShownAsTextAndNeverRun() throws IOException {
        // GIVEN a page whose environment names and groups are markup
        browser.open(hostile);
        browser.screenshot("matrix-hostile");
        // THEN no alert fired and no injected element exists
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> browser.driver.switchTo().alert())
                .isInstanceOf(NoAlertPresentException.class);
        assertThat(count("img")).isZero();
        assertThat(count("b:not([class])")).isEqualTo(count("#detail b, #summary b, .counts b, .causes b"));
        // ... and the names read exactly as written, in the header, the cards and the detail
        List<String> headers = browser.driver.findElements(By.cssSelector("#matrix th.env a")).stream()
                .map(a -> a.getAttribute("textContent")).toList();
        assertThat(headers).containsExactlyInAnyOrder(Hostile.SCRIPT, Hostile.CLOSE, Hostile.QUOTES, Hostile.UNICODE);
        List<String> cards = browser.driver.findElements(By.cssSelector(".env .env-name")).stream()
                .map(e -> e.getAttribute("textContent")).toList();
        assertThat(cards).containsExactlyInAnyOrderElementsOf(headers);
        browser.driver.findElement(By.cssSelector("#matrix tbody td:not(.missing)")).click();
        assertThat(browser.driver.findElement(By.cssSelector("#detail .detail-env")).getAttribute("textContent"))
                .isIn(headers);
        assertThat(browser.js("return document.title")).asString().startsWith("fsconform compatibility matrix");
    }

    @Test
    void clickingAFindingFiltersTheMatrixToItsCells() {
        browser.open(synthetic);
        // GIVEN the worst finding
        WebElement finding = browser.driver.findElement(By.cssSelector("#findings tr.finding"));
        String grade = finding.getAttribute("data-grade");
        String outcome = finding.getAttribute("data-outcome");
        // WHEN clicked
        finding.click();
        // THEN the matrix shows only rows holding a cell of that grade and outcome
        assertThat(new Select(browser.driver.findElement(By.id("f-grade"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(grade);
        assertThat(count("#matrix tbody tr:not(.op)")).isPositive();
        assertThat(browser.js("return Array.from(document.querySelectorAll('#matrix tbody tr:not(.op)')).every(tr =>"
                + " Array.from(tr.querySelectorAll('td.g-' + arguments[0].toLowerCase())).some(td => td.textContent === arguments[1]))",
                grade, outcome.replace("Exception", ""))).isEqualTo(true);
    }

    @Test
    void realRecordedEnvironmentsWithRealGradesRenderCleanly() throws Exception {
        // GIVEN the recorded real environments, graded by the real expectation table
        List<Input> inputs = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("src/test/resources/recorded"))) {
            for (Path f : files.sorted().toList()) {
                inputs.add(Inputs.read(f));
            }
        }
        ResultsFile merged = Merge.of(inputs, "fsconform test");
        Path dir = Path.of("target", "browser", "recorded");
        Report.write(merged, dir);
        // WHEN opened
        browser.open(dir.resolve(Report.HTML));
        // THEN it renders every environment without console errors
        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        assertThat(count("#matrix th.env")).isEqualTo(inputs.size());
        browser.screenshot("matrix-recorded");
        new Select(browser.driver.findElement(By.id("f-op"))).selectByValue("rename");
        browser.driver.findElement(By.id("f-differ")).click();
        browser.driver.findElement(By.cssSelector("#matrix tbody td.g-surprising")).click();
        browser.js("document.getElementById('matrix-section').scrollIntoView()");
        browser.screenshot("matrix-recorded-detail");
    }
}
