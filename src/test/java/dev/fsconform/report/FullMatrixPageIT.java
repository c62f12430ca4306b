package dev.fsconform.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.files.Trees;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.result.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * The page as users meet it: three real runs on this machine — the host lab, the container matrix
 * (when an engine answers) and a run as an unprivileged user — merged by `fsconform report` and opened
 * in Chromium. Every environment of the three must be on the one page, which must load offline without
 * console errors, and its detail and diff must work on real data.
 */
class FullMatrixPageIT {
    private static final String JAR = System.getProperty("fsconform.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path DIR = Path.of("target", "full-matrix").toAbsolutePath();

    private static Browser browser;
    private static int environments;
    private static Path nobodyHome;

    @BeforeAll
    static void mergeThreeRealRuns() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the host lab and the unprivileged run need root");
        browser = Browser.startOrSkip();
        Files.createDirectories(DIR);
        DIR.toFile().setWritable(true, false);
        run(List.of(JAVA, "-jar", JAR, "matrix", "--no-docker", "--only", "plain*,tmpfs,overlay-*,landlock-*,seccomp-*,bind-pair",
                "--out", DIR.resolve("host").toString()));
        run(List.of(JAVA, "-jar", JAR, "matrix", "--only", "docker-host-*,docker-vfs-rootfs", "--out", DIR.resolve("containers").toString()));
        // The checkout may sit below a directory only root can enter (a clone under mktemp -d, /root):
        // the unprivileged run gets its own open directory under /tmp, with a copy of the jar.
        nobodyHome = Files.createTempDirectory(Path.of("/tmp"), "fsconform-nobody-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(nobodyHome, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path jar = Files.copy(Path.of(JAR), nobodyHome.resolve("fsconform.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("r--r--r--"));
        Path nobody = nobodyHome;
        run(List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", JAVA, "-Djava.io.tmpdir=" + nobody,
                "-jar", jar.toString(), "matrix", "--no-docker", "--only", "plain,landlock-no-refer", "--work-dir",
                nobody.toString(), "--out", nobody.toString()));
        List<String> report = new ArrayList<>(List.of(JAVA, "-jar", JAR, "report", "--out", DIR.resolve("page").toString()));
        for (Path part : List.of(DIR.resolve("host"), DIR.resolve("containers"), nobody)) {
            Path json = part.resolve(Report.JSON);
            ResultsFile f = ResultsJson.read(json);
            environments += f.environments().size();
            report.add(json.toString());
        }
        run(report);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (nobodyHome != null) {
            Trees.delete(nobodyHome);
        }
    }

    @Test
    void oneOfflinePageHoldsEveryEnvironmentOfTheThreeRuns() throws IOException {
        browser.open(DIR.resolve("page").resolve(Report.HTML));
        browser.screenshot("full-matrix");

        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
        assertThat(browser.js("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
        assertThat(browser.driver.findElements(By.cssSelector("#matrix th.env"))).hasSize(environments);
        assertThat(browser.driver.findElement(By.id("summary")).getText()).contains(environments + " environments");
    }

    @Test
    void aRealLandlockCellShowsItsCauseAndAReproduction() throws IOException {
        browser.open(DIR.resolve("page").resolve(Report.HTML));
        new Select(browser.driver.findElement(By.id("f-op"))).selectByValue("rename");
        browser.driver.findElement(By.id("f-q")).sendKeys("file-cross-dir");
        browser.js("return new Promise(r => setTimeout(r, 300))");

        // The matrix is wider than the window: scroll the cell into view, as a person would, then click it.
        browser.js("arguments[0].scrollIntoView({block: 'center', inline: 'center'}); arguments[0].click()",
                browser.driver.findElement(By.cssSelector("#matrix tbody td.g-surprising")));

        assertThat(browser.driver.findElement(By.id("detail")).getText())
                .contains("EXDEV", "SURPRISING", "landlock-refer", "Reproduce by hand");
    }

    /**
     * The seed case (issue: "uv fails to install packages"): in the OpenShell-like environment, an
     * image-layer overlay under Landlock without REFER, the page shows which real tools fail next to
     * the uv pattern, and a tool's cell detail names the call that failed, from its trace.
     */
    @Test
    void theSeedCaseShowsTheRealToolsThatFailBesideTheUvPattern() throws IOException {
        browser.open(DIR.resolve("page").resolve(Report.HTML));
        String seed = "overlay-default+landlock-no-refer";
        // The first of the two runs that has the environment: the host lab's (the page lists runs in order).
        String cellOf = "const col = Array.from(document.querySelectorAll('#matrix thead tr.envs th'))"
                + ".findIndex(th => th.textContent === arguments[1]);"
                + " const tr = Array.from(document.querySelectorAll('#matrix tbody tr'))"
                + ".find(tr => tr.firstChild && tr.firstChild.tagName === 'TH' && tr.firstChild.textContent === arguments[0]);"
                + " return col < 0 || !tr ? null : tr.children[col];";

        // The uv pattern and the real tools, in the seed environment's column
        WebElement uv = (WebElement) browser.js(cellOf, "uv-cache-persist", seed);
        WebElement osReplace = (WebElement) browser.js(cellOf, "python-os-replace", seed);
        WebElement mv = (WebElement) browser.js(cellOf, "mv", seed);
        assertThat(uv).as("uv-cache-persist cell of %s", seed).isNotNull();
        assertThat(osReplace).as("python-os-replace cell of %s", seed).isNotNull();
        assertThat(uv.getAttribute("class")).contains("g-surprising");
        assertThat(osReplace.getAttribute("class")).contains("g-surprising");
        // a tool that survives by copying is told apart from one that fails
        assertThat(mv.getAttribute("class")).contains("g-acceptable");
        // with REFER granted the same tool works
        WebElement granted = (WebElement) browser.js(cellOf, "python-os-replace", "landlock-refer");
        assertThat(granted.getAttribute("class")).contains("g-expected");

        // WHEN the failing tool's cell is clicked
        browser.js("arguments[0].scrollIntoView({block: 'center', inline: 'center'}); arguments[0].click()", osReplace);

        // THEN its detail shows the failed call from the trace, the errno and the cause
        String detail = browser.driver.findElement(By.id("detail")).getText();
        browser.screenshot("seed-case-app-detail");
        assertThat(detail).contains(seed, "app × python-os-replace", "SURPRISING",
                "rename(staging/config.new, etc/config) = -1 EXDEV", "then gave up", "landlock-refer");
    }

    @Test
    void diffOfPlainAndLandlockShowsOnlyWhatLandlockChanged() throws IOException {
        browser.open(DIR.resolve("page").resolve(Report.HTML));
        List<String> names = browser.driver.findElements(By.cssSelector("#d-a option")).stream()
                .map(o -> o.getAttribute("textContent")).toList();
        int plain = names.indexOf("plain");
        int landlock = names.indexOf("landlock-no-refer");
        assertThat(plain).isNotNegative();
        assertThat(landlock).isNotNegative();

        new Select(browser.driver.findElement(By.id("d-a"))).selectByIndex(plain);
        new Select(browser.driver.findElement(By.id("d-b"))).selectByIndex(landlock);

        assertThat(browser.driver.findElements(By.cssSelector("#diff tbody tr"))).isNotEmpty();
        assertThat(browser.js("return Array.from(document.querySelectorAll('#diff tbody tr')).every(tr => {"
                + " const [a, b] = tr.querySelectorAll('td'); return a.className + a.textContent !== b.className + b.textContent; })"))
                .isEqualTo(true);
        assertThat(browser.driver.findElement(By.id("diff")).getText()).contains("file-cross-dir").doesNotContain("file-same-dir ");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(DIR, "run-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s exit code; output:%n%s", command, Files.readString(log)).isZero();
    }
}
