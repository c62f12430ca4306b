package dev.fsconform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seccomp policies have one source, {@link SeccompPolicy}: each Docker profile in matrix/docker,
 * {@code seccomp-PRESET.json}, must say exactly what the preset of that name says, so the container
 * rows and the host lab's filters cannot drift apart.
 */
class SeccompProfileFilesTest {
    private static final Path DIR = Path.of("matrix", "docker");

    @Test
    void everyDockerProfileIsItsJavaPresetRule() throws IOException {
        // GIVEN the Docker seccomp profiles shipped with fsconform
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.getFileName().toString().matches("seccomp-.*\\.json")).sorted().toList();
        }
        assertThat(files).as("seccomp profiles in %s", DIR).isNotEmpty();
        for (Path file : files) {
            // WHEN read as Docker reads it
            JsonNode profile = new ObjectMapper().readTree(file.toFile());
            String preset = file.getFileName().toString().replaceAll("^seccomp-|\\.json$", "");
            SeccompPolicy policy = SeccompPolicy.parse(preset);
            // THEN everything is allowed except the preset's syscalls, which get the preset's errno
            assertThat(profile.path("defaultAction").asText()).as("%s defaultAction", file).isEqualTo("SCMP_ACT_ALLOW");
            Map<String, Integer> errnos = new LinkedHashMap<>();
            for (JsonNode rule : profile.path("syscalls")) {
                assertThat(rule.path("action").asText()).as("%s action of %s", file, rule).isEqualTo("SCMP_ACT_ERRNO");
                rule.path("names").forEach(n -> errnos.put(n.asText(), rule.path("errnoRet").asInt()));
            }
            Map<String, Integer> expected = new LinkedHashMap<>();
            policy.rules().forEach(r -> expected.put(r.syscall(), r.errno()));
            assertThat(errnos).as("%s against SeccompPolicy '%s'", file, preset).isEqualTo(expected);
        }
    }
}
