package dev.fsconform.junit;

import dev.fsconform.grade.GradedCell;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.validate.Profile;
import dev.fsconform.validate.Validator;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Base class for a driver author's own build: extend it, return your sandbox from {@link #sandbox()},
 * and JUnit runs the fsconform catalogue inside it — one test per cell the chosen profile judges,
 * grouped by directory, each failing with the outcome, grade, rationale and cause.
 */
public abstract class SandboxConformance {

    /** The sandbox under test. */
    protected abstract SandboxSpec sandbox();

    @TestFactory
    Stream<DynamicNode> fsconform() {
        SandboxSpec spec = sandbox();
        Validator.Run run = new Validator(spec.execPrefix(), null, null, null, spec.stage(), spec.java())
                .run(spec.dirs(), false);
        if (run.sandboxed().isEmpty() || spec.expect() == Profile.NONE) {
            // A conformance test that judges nothing must not pass: say what is missing instead.
            return Stream.of(DynamicTest.dynamicTest("fsconform", () -> Assertions.fail(run.sandboxed().isEmpty()
                    ? "no directory to probe: give the SandboxSpec directories with withDirs(...)"
                    : "profile none judges nothing: choose posix-local or agent-sandbox")));
        }
        return run.sandboxed().stream().map(env -> container(env, spec.expect()));
    }

    private static DynamicNode container(EnvironmentResult env, Profile profile) {
        if (env.cells().isEmpty()) {
            return DynamicTest.dynamicTest(env.name(), () -> Assertions.fail(env.name() + " did not run: " + env.reason()));
        }
        EnvironmentVerdict verdict = Verdicts.of(env);
        Set<GradedCell> violations = Set.copyOf(profile.violations(List.of(verdict)));
        List<DynamicTest> tests = verdict.cells().stream().filter(c -> judges(profile, c))
                .map(c -> DynamicTest.dynamicTest(c.observation().key(), () -> check(c, violations)))
                .collect(Collectors.toList());
        return DynamicContainer.dynamicContainer(env.name() + " (" + profile.id() + ")", tests);
    }

    /** Only cells the profile can fail become tests, so none of them passes by construction. */
    private static boolean judges(Profile profile, GradedCell c) {
        return profile != Profile.AGENT_SANDBOX || "pattern".equals(c.observation().operation());
    }

    private static void check(GradedCell c, Set<GradedCell> violations) {
        Assumptions.assumeTrue(c.observation().ran(), () -> c.observation().status() + ": " + c.observation().reason());
        if (violations.contains(c)) {
            Assertions.fail(Explain.cell(c));
        }
    }
}
