package dev.fsconform.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real tool's fixed, offline job, as {@code jobs.yaml} writes it: what must be installed, the
 * inputs, the traced steps and the end state that proves the job worked.
 */
public record AppJob(String id, String tool, List<String> needs, List<String> version, boolean gnu, boolean optIn,
                     List<String> requires, Map<String, FileSpec> files, List<Step> setup, List<Step> steps,
                     List<Check> checks, String fallback) {

    public AppJob {
        require(id, "id");
        require(tool, "tool");
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("job '" + id + "' has no steps");
        }
        if (checks == null || checks.isEmpty()) {
            throw new IllegalArgumentException("job '" + id + "' checks no end state");
        }
        needs = needs == null ? List.of() : List.copyOf(needs);
        version = version == null ? List.of() : List.copyOf(version);
        requires = requires == null ? List.of() : List.copyOf(requires);
        files = files == null ? Map.of() : new LinkedHashMap<>(files);
        setup = setup == null ? List.of() : List.copyOf(setup);
        steps = List.copyOf(steps);
        checks = List.copyOf(checks);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a job without '" + field + "'");
        }
    }

    /** A file to write before the job: its text, or a zip archive of named texts (a wheel, a jar). */
    public record FileSpec(String text, Map<String, String> zip) {
        @JsonCreator
        static FileSpec of(Object yaml) {
            if (yaml instanceof String s) {
                return new FileSpec(s, null);
            }
            if (yaml instanceof Map<?, ?> m && m.size() == 1 && m.get("zip") instanceof Map<?, ?> entries) {
                Map<String, String> zip = new LinkedHashMap<>();
                entries.forEach((k, v) -> zip.put(String.valueOf(k), String.valueOf(v)));
                return new FileSpec(null, zip);
            }
            throw new IllegalArgumentException("a file is its text or {zip: {NAME: TEXT}}, got " + yaml);
        }
    }

    /** One command: an argument list, or {@code {cwd: DIR, run: [...]}}. */
    public record Step(String cwd, List<String> run) {
        public Step {
            if (run == null || run.isEmpty()) {
                throw new IllegalArgumentException("a step without a command");
            }
            run = List.copyOf(run);
        }

        @JsonCreator
        static Step of(Object yaml) {
            if (yaml instanceof List<?> argv) {
                return new Step(null, argv.stream().map(String::valueOf).toList());
            }
            if (yaml instanceof Map<?, ?> m && m.get("run") instanceof List<?> argv) {
                Object cwd = m.get("cwd");
                return new Step(cwd == null ? null : String.valueOf(cwd), argv.stream().map(String::valueOf).toList());
            }
            throw new IllegalArgumentException("a step is an argument list or {cwd: DIR, run: [...]}, got " + yaml);
        }
    }

    /**
     * One promise about the end state: {@code file} exists (and {@code contains} a text), {@code absent}
     * is gone, {@code glob} matches a file, or {@code run} exits 0 (with {@code output} in what it prints).
     */
    public record Check(String file, String contains, String absent, String glob, List<String> run, String output) {
        public Check {
            int kinds = (file != null ? 1 : 0) + (absent != null ? 1 : 0) + (glob != null ? 1 : 0) + (run != null ? 1 : 0);
            if (kinds != 1) {
                throw new IllegalArgumentException("a check is exactly one of file, absent, glob, run");
            }
            run = run == null ? null : List.copyOf(run);
        }
    }
}
