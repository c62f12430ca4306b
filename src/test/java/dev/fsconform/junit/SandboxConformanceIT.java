package dev.fsconform.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The base class must fail a sandbox that breaks real tools, and say why in the failure. */
class SandboxConformanceIT {

    @Test
    void landlockWithoutReferFailsTheUvPatternWithItsCause() {
        // GIVEN a driver's test for a Landlock sandbox that does not grant REFER
        SandboxConformance noRefer = new SandboxConformance() {
            @Override
            protected SandboxSpec sandbox() {
                Path ws = LandlockReferSandboxIT.workspace();
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                return SandboxSpec.exec(java + " -jar " + System.getProperty("fsconform.jar")
                        + " sandbox --landlock no-refer --rw " + ws + " --").withDirs(ws.toString());
            }
        };

        // WHEN its dynamic tests run
        List<String> failures = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        flatten(noRefer.fsconform()).forEach(t -> {
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
                .startsWith("pattern × uv-cache-persist → EXDEV").contains("landlock-refer"));
        assertThat(passed).contains("pattern × atomic-replace-same-dir");
    }

    private static Stream<DynamicTest> flatten(Stream<DynamicNode> nodes) {
        return nodes.flatMap(n -> n instanceof DynamicContainer
                ? flatten(((DynamicContainer) n).getChildren().map(c -> (DynamicNode) c))
                : Stream.of((DynamicTest) n));
    }
}
