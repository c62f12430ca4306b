package dev.fsconform.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command lines built from each command's own options and a pool of hostile values: paths that do not
 * exist, files where directories belong, broken and valid results files, numbers out of range, control
 * characters, very long words. A guard keeps every line from starting real work where it would need
 * the machine (a probe, the host lab, a sandbox): the probe's directory is never one, the catalogue of
 * `matrix` and the profile of `validate` are never valid. `sandbox` is left out, as it applies its
 * policy to the JVM that runs it; its grammars are fuzzed as {@link Readers#policies}.
 */
final class CommandLines {
    /** What the generator asks for: backed by java.util.Random in verify, by the fuzzer's data in Jazzer. */
    interface Choices {
        int pick(int n);

        String text();
    }

    private static final Map<String, List<String>> OPTIONS = Map.of(
            "grade", List.of("--strict", "--no-diagnosis", "--explain", "--help"),
            "report", List.of("--quiet", "--help"),
            "probe", List.of("--second", "--seeds", "--name", "--label", "--json", "--quiet", "--jobs"),
            "seed", List.of("--help"),
            "matrix", List.of("--only", "--out", "--jobs", "--timings", "--no-docker", "--work-dir"),
            "validate", List.of("--exec", "--image", "--runtime", "--docker-host", "--dir", "--stage", "--java",
                    "--baseline", "--out"));
    private static final List<String> COMMANDS = List.of("grade", "report", "probe", "seed", "matrix", "validate");

    private final Path dir;
    private final List<String> values;

    CommandLines(Path dir) {
        this.dir = dir;
        try {
            Path results = Files.write(dir.resolve("valid.json"), Corpus.results().get(0));
            Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\":\"fsconform-results\",\"schemaVersion\":");
            Path future = Files.writeString(dir.resolve("future.json"),
                    "{\"schema\":\"fsconform-results\",\"schemaVersion\":99,\"environments\":[]}");
            Path empty = Files.writeString(dir.resolve("empty.json"), "");
            values = List.of(results.toString(), broken.toString(), future.toString(), empty.toString(),
                    dir.resolve("missing/x.json").toString(), "/proc/self/status", "/dev/null", "-", "", "--", "=",
                    "0", "-1", "99999999999999999999", "a=b", "=b", "a=", "rename:file-same-dir", "rename:", ":",
                    "posix-local", "*", "tmpfs*,overlay?", "line\nbreak", "tab\t", "\u0000", "'\"`$(id)", "x".repeat(5_000),
                    "--strict", "-Dx=y", "@" + dir.resolve("missing-args-file"), "@" + results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> next(Choices c) {
        int which = c.pick(COMMANDS.size() + 1);
        List<String> args = new ArrayList<>();
        if (which == COMMANDS.size()) {
            args.add(c.pick(3) == 0 ? "--version" : c.text());
            return args;
        }
        String command = COMMANDS.get(which);
        args.add(command);
        List<String> options = OPTIONS.get(command);
        int n = c.pick(6);
        for (int i = 0; i < n; i++) {
            switch (c.pick(4)) {
                case 0 -> args.add(options.get(c.pick(options.size())));
                case 1 -> args.add(value(c));
                case 2 -> {
                    args.add(options.get(c.pick(options.size())));
                    args.add(value(c));
                }
                default -> args.add(c.text());
            }
        }
        guard(command, args);
        return args;
    }

    private String value(Choices c) {
        return values.get(c.pick(values.size()));
    }

    private void guard(String command, List<String> args) {
        switch (command) {
            case "probe", "seed" -> {
                // A directory is the one value that would start work: replace any that a text might name.
                args.replaceAll(a -> isDirectory(a) ? dir.resolve("valid.json").toString() : a);
                args.add(dir.resolve("valid.json").toString());
            }
            case "report" -> {
                // report writes its page: only ever into this run's own directory.
                args.removeIf(a -> a.startsWith("--out"));
                args.add("--out");
                args.add(dir.resolve("out").toString());
            }
            case "matrix" -> {
                args.add("--environments");
                args.add(dir.resolve("no-such-environments.yaml").toString());
            }
            case "validate" -> {
                args.add("--expect");
                args.add("no-such-profile");
            }
            default -> {
            }
        }
    }

    private static boolean isDirectory(String a) {
        try {
            return !a.isEmpty() && !a.contains("\u0000") && Files.isDirectory(Path.of(a));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
