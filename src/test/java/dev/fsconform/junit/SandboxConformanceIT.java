package dev.fsconform.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.validate.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The base class must fail a sandbox that breaks real tools, and say why in the failure. */
class SandboxConformanceIT {

    @Test
    void landlockWithoutReferFailsTheUvPatternWithItsCause() {
        // GIVEN a driver's test for a Landlock sandbox that does not grant REFER
        Path ws = LandlockReferSandboxIT.workspace();
        SandboxConformance noRefer = new SandboxConformance() {
            @Override
            protected SandboxSpec sandbox() {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                return SandboxSpec.exec(java + " -jar " + System.getProperty("fsconform.jar")
                        + " sandbox --landlock no-refer --rw " + ws + " --").withDirs(ws.toString());
            }
        };

        // WHEN its dynamic tests run
        List<String> failures = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        noRefer.fsconform().forEach(t -> {
            try {
                t.getExecutable().execute();
                passed.add(t.getDisplayName());
            } catch (AssertionFailedError e) {
                failures.add(e.getMessage());
            } catch (TestAbortedException e) {
                // A cell the probe could not run here (no seed tree): JUnit reports it skipped, not failed.
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });

        // THEN the uv cache write fails with EXDEV attributed to Landlock's REFER, and same-dir replace passes
        assertThat(failures).anySatisfy(f -> assertThat(f)
                .startsWith("pattern × uv-cache-persist [" + ws + "]: EXDEV").contains("landlock-refer"));
        assertThat(passed).contains("pattern × atomic-replace-same-dir [" + ws + "]");
    }

    @Test
    void cellsAreReportedWhileTheSandboxsProbeStillRuns() {
        // GIVEN a driver's test whose sandbox is slow enough to watch (Landlock wrapper, a probe of many seconds)
        Path ws = LandlockReferSandboxIT.workspace();
        SandboxConformance slow = new SandboxConformance() {
            @Override
            protected SandboxSpec sandbox() {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                return SandboxSpec.exec(java + " -jar " + System.getProperty("fsconform.jar")
                        + " sandbox --landlock refer --rw " + ws + " --").withDirs(ws.toString()).expecting(Profile.POSIX_LOCAL);
            }
        };

        // WHEN JUnit takes the first test of the directory
        java.util.Iterator<DynamicTest> tests = slow.fsconform().iterator();
        DynamicTest first = tests.next();
        List<String> probes = ProcessHandle.current().descendants().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(" probe " + ws)).toList();

        // THEN the probe is still running, and the rest arrive afterwards with the same naming
        assertThat(probes).as("probe processes running when the first cell (%s) was reported", first.getDisplayName()).isNotEmpty();
        assertThat(first.getDisplayName()).endsWith(" [" + ws + "]");
        int rest = 0;
        while (tests.hasNext()) {
            tests.next();
            rest++;
        }
        assertThat(rest).isGreaterThan(100);
    }

}
