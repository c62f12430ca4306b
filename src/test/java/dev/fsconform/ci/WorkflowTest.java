package dev.fsconform.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflow cannot run here, so its structure is checked: it parses, every job runs on a runner,
 * every step either uses an action or runs a command, and the jobs hand results to one another.
 */
class WorkflowTest {
    private static final Path WORKFLOWS = Path.of(".github/workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyWorkflowParsesAndEveryStepIsWellFormed() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(WORKFLOWS)) {
            files = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).as("workflow files").isNotEmpty();
        for (Path f : files) {
            JsonNode wf = YAML.readTree(f.toFile());
            assertThat(wf.has("on") || wf.has("true")).as("%s has triggers", f).isTrue();
            assertThat(wf.path("jobs").size()).as("%s has jobs", f).isPositive();
            wf.path("jobs").properties().forEach(job -> {
                JsonNode j = job.getValue();
                assertThat(j.path("runs-on").isMissingNode()).as("%s/%s runs-on", f, job.getKey()).isFalse();
                for (String need : names(j.path("needs"))) {
                    assertThat(wf.path("jobs").has(need)).as("%s/%s needs unknown job %s", f, job.getKey(), need).isTrue();
                }
                for (JsonNode step : j.path("steps")) {
                    assertThat(step.has("uses") ^ step.has("run"))
                            .as("%s/%s step '%s' has exactly one of uses/run", f, job.getKey(), step.path("name").asText())
                            .isTrue();
                    if (step.has("uses")) {
                        assertThat(step.get("uses").asText()).as("action pinned to a version").matches("[\\w.-]+/[\\w./-]+@[\\w.-]+");
                    }
                }
            });
        }
    }

    @Test
    void conformanceRunsTheTestsAndTheMatrixOnSeveralRunnersThenMergesThem() throws Exception {
        JsonNode jobs = YAML.readTree(WORKFLOWS.resolve("conformance.yml").toFile()).path("jobs");

        JsonNode matrix = jobs.path("matrix");
        assertThat(matrix.path("strategy").path("matrix").path("runner").size()).as("runner images").isGreaterThanOrEqualTo(2);
        assertThat(runs(matrix)).anyMatch(r -> r.contains("mvn -B verify")).anyMatch(r -> r.contains("./fsconform matrix"));
        assertThat(uses(matrix)).anyMatch(u -> u.startsWith("actions/upload-artifact@"));

        JsonNode report = jobs.path("report");
        assertThat(names(report.path("needs"))).containsExactly("matrix");
        assertThat(uses(report)).anyMatch(u -> u.startsWith("actions/download-artifact@"));
        assertThat(runs(report)).anyMatch(r -> r.contains("./fsconform report"));

        JsonNode pages = jobs.path("pages");
        assertThat(pages.path("if").asText()).contains("refs/heads/main");
        assertThat(pages.path("permissions").path("pages").asText()).isEqualTo("write");
        assertThat(uses(pages)).anyMatch(u -> u.startsWith("actions/deploy-pages@"));
    }

    @Test
    void theTestCommandIsTheOneTheReadmeAndCiUse() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String ci = Files.readString(Path.of(".ci/run"));

        assertThat(readme).contains("mvn -B verify");
        assertThat(ci).contains("mvn -B verify");
    }

    private static List<String> runs(JsonNode job) {
        return stepValues(job, "run");
    }

    private static List<String> uses(JsonNode job) {
        return stepValues(job, "uses");
    }

    private static List<String> stepValues(JsonNode job, String key) {
        List<String> out = new ArrayList<>();
        job.path("steps").forEach(s -> {
            if (s.has(key)) {
                out.add(s.get(key).asText());
            }
        });
        return out;
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
