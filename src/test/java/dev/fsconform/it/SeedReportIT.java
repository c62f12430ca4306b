package dev.fsconform.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.cause.Causes;
import dev.fsconform.grade.Grade;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.testsupport.TestLab;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed report (OpenShell #1467, docs/case-studies/openshell-1467.md) reproduced on this host: an
 * overlay like Docker's (default options, an image layer below), a Landlock ruleset that handles but
 * does not grant REFER (what best-effort Landlock leaves on a 5.15 kernel), and uv's cache write
 * (a fresh temp dir in the cache root renamed into archive-v0/ID). Real outputs land in
 * target/seed-report/ for the case study.
 */
class SeedReportIT {

    @Test
    void theDiagnosisIsLandlockReferNotOverlayfsNorNoreplace() throws Exception {
        try (TestLab lab = TestLab.open()) {
            // GIVEN an overlay with an image layer, probed under Landlock without REFER, started by a foreign sandbox
            Path merged = lab.overlay("sandbox", "");
            EnvironmentVerdict v = Verdicts.of(lab.probe("openshell-1467", merged, null, lab.sandbox("--landlock", "no-refer")));
            save("no-refer", v);

            // THEN uv's cache write fails with EXDEV because of Landlock, and only because of Landlock
            GradedCell uv = Findings.cell(v, "pattern", "uv-cache-persist");
            assertThat(uv.observation().outcome()).isEqualTo("EXDEV");
            assertThat(uv.grade()).isEqualTo(Grade.SURPRISING);
            assertThat(Findings.causeIds(uv)).as("causes of uv's EXDEV").containsExactly(Causes.LANDLOCK_REFER.id());
            GradedCell plainRename = Findings.cell(v, "rename", "dir-cross-dir");
            assertThat(Findings.causeIds(plainRename)).as("plain rename(2) fails too").containsExactly(Causes.LANDLOCK_REFER.id());
            // AND NOREPLACE is not the problem: within one directory it works, across directories rename(2) fails alike
            assertThat(Findings.cell(v, "renameat2-noreplace", "dir-same-dir").observation().outcome()).isEqualTo("OK");
            assertThat(Findings.causeIds(Findings.cell(v, "renameat2-noreplace", "dir-cross-dir"))).containsExactly(Causes.LANDLOCK_REFER.id());
            // AND the reporter's working mv was a copy, which hides the EXDEV
            assertThat(Findings.cell(v, "mv", "dir-cross-dir").observation().outcome()).isEqualTo("COPIED");
            // AND the diagnosis leads with Landlock and its fix
            assertThat(v.causes().get(0).id()).isEqualTo(Causes.LANDLOCK_REFER.id());
            assertThat(v.diagnosis()).contains("[landlock-refer]", "grant LANDLOCK_ACCESS_FS_REFER", "inferred from controls");
        }
    }

    @Test
    void withReferGrantedTheCacheWriteWorksAndWithRedirectDirEverythingPasses() throws Exception {
        try (TestLab lab = TestLab.open()) {
            // GIVEN the same overlay, now under a ruleset that grants REFER
            EnvironmentVerdict refer = Verdicts.of(lab.probe("openshell-1467-refer", lab.overlay("a", ""), null,
                    lab.sandbox("--landlock", "refer")));
            // AND an overlay mounted with redirect_dir=on, same ruleset
            EnvironmentVerdict all = Verdicts.of(lab.probe("openshell-1467-refer-redirect", lab.overlay("b", "redirect_dir=on"),
                    null, lab.sandbox("--landlock", "refer")));
            save("refer", refer);
            save("refer-redirect-on", all);

            // THEN uv's cache write works and no finding is Landlock's; what is left is the image layer's directories
            assertThat(Findings.cell(refer, "pattern", "uv-cache-persist").grade()).isEqualTo(Grade.EXPECTED);
            assertThat(refer.findings()).allSatisfy(f ->
                    assertThat(Findings.causeIds(f)).as(Findings.line(f)).containsExactly(Causes.OVERLAYFS_LOWER_DIR.id()));
            // AND with redirect_dir=on as well, every graded cell passes
            assertThat(Findings.lines(all.findings())).as("findings with REFER and redirect_dir=on").isEmpty();
        }
    }

    private static void save(String name, EnvironmentVerdict v) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleSummary.print(List.of(v), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Path dir = Files.createDirectories(Path.of("target", "seed-report"));
        Files.writeString(dir.resolve(name + ".txt"), bytes.toString(StandardCharsets.UTF_8) + "\n" + v.diagnosis() + "\n");
    }
}
