package dev.fsconform.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox is one typed field: read from the labels of older files and the command line, written once. */
class SandboxAppliedTest {
    private static final String BEFORE_3 = "{\"schema\":\"fsconform-results\",\"schemaVersion\":2,\"tool\":\"t\",\"generatedAt\":\"g\","
            + "\"environments\":[{\"name\":\"e\",\"group\":\"g\",\"description\":\"d\",\"status\":\"RAN\",\"reason\":null,"
            + "\"durationMillis\":0,\"cells\":[],\"fingerprint\":{\"kernel\":\"6.1\",\"arch\":\"amd64\",\"javaVersion\":\"17\","
            + "\"uid\":0,\"capEff\":\"0\",\"seccompMode\":2,\"noNewPrivs\":true,\"landlockAbi\":1,\"landlockRestricted\":true,"
            + "\"mounts\":[],\"labels\":{\"group\":\"g\",\"sandbox.landlock\":\"best-effort\",\"landlock.restricted\":\"true\","
            + "\"landlock.policy\":\"best-effort\",\"landlock.refer\":\"dropped (best effort: Landlock ABI 1 has no REFER)\","
            + "\"sandbox.seccomp\":\"renameat2-enosys\"}}}]}";

    @Test
    void aFileBeforeSchema3DeclaresTheSandboxInLabelsAndReadsAsTheTypedField() {
        // GIVEN a version 2 file whose launcher wrote the policy twice and REFER in words
        Fingerprint fp = ResultsJson.read(BEFORE_3, "old.json").environments().get(0).fingerprint();

        // THEN the sandbox is typed, and the labels keep only the description
        assertThat(fp.sandbox()).isEqualTo(new SandboxApplied(
                new SandboxApplied.Landlock("best-effort", SandboxApplied.Refer.DROPPED), "renameat2-enosys", null));
        assertThat(fp.labels()).containsOnlyKeys("group");
        assertThat(fp.landlockRestricted()).isTrue();
    }

    @Test
    void aNewFileWritesTheSandboxOnceAndReadsItBack() {
        // GIVEN what the probe's command line said
        Fingerprint fp = new Fingerprint("6.1", "amd64", "17", "h", 0, "0", 0, 0, false, 7, null, List.of(),
                Map.of("group", "g", "landlock.policy", "no-refer", "landlock.refer", "denied", "sandbox.runtime", "runsc"));
        EnvironmentResult env = new EnvironmentResult("e", "g", "d", EnvStatus.RAN, null, fp, 0, List.of());

        // WHEN written and read again
        String json = ResultsJson.write(ResultsFile.of("t", "g", List.of(env)));
        Fingerprint back = ResultsJson.read(json, "new.json").environments().get(0).fingerprint();

        // THEN one key each, none of them a label, and the same value after the round trip
        assertThat(json).contains("\"schemaVersion\" : 3").contains("\"sandbox\" : {").contains("\"refer\" : \"denied\"")
                .doesNotContain("landlock.policy").doesNotContain("sandbox.runtime");
        assertThat(back.sandbox()).isEqualTo(fp.sandbox());
        assertThat(back.sandbox().landlock().policy()).isEqualTo("no-refer");
        assertThat(back.sandbox().runtime()).isEqualTo("runsc");
        assertThat(back.landlockRestricted()).as("a named policy means the probe is restricted").isTrue();
    }

    @Test
    void withoutASandboxTheFieldIsLeftOutAndTheOldWordsStillParse() {
        Fingerprint plain = new Fingerprint("6.1", "amd64", "17", "h", 0, "0", 0, 0, false, 7, null, List.of(), Map.of());
        String json = ResultsJson.write(ResultsFile.of("t", "g",
                List.of(new EnvironmentResult("e", "g", "d", EnvStatus.RAN, null, plain, 0, List.of()))));
        assertThat(json).doesNotContain("\"sandbox\"");
        assertThat(plain.sandbox()).isSameAs(SandboxApplied.NONE);
        assertThat(SandboxApplied.fromLabels(Map.of("landlock.refer", "true")).sandbox().landlock().allowsRefer()).isTrue();
        assertThat(SandboxApplied.fromLabels(Map.of("landlock.refer", "not handled (ABI 1 ruleset)")).sandbox().landlock().refer())
                .isEqualTo(SandboxApplied.Refer.NOT_HANDLED);
        assertThat(SandboxApplied.fromLabels(Map.of("landlock.policy", "none")).landlockRestricted()).isNull();
    }
}
