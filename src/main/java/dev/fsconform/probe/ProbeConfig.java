package dev.fsconform.probe;

import dev.fsconform.app.AppJob;
import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one probe run measures: the directory it works in, an optional second directory (meant to be on
 * another mount), an optional seed tree, and the cells to run.
 */
public record ProbeConfig(Path primary, Path second, Path seeds, String name, Map<String, String> labels,
                          List<Operation> operations, List<Scenario> scenarios, List<Pattern> patterns, List<AppJob> apps) {

    public ProbeConfig {
        labels = Map.copyOf(labels);
        operations = List.copyOf(operations);
        scenarios = List.copyOf(scenarios);
        patterns = List.copyOf(patterns);
        apps = List.copyOf(apps);
    }

    /** Without real tools. */
    public ProbeConfig(Path primary, Path second, Path seeds, String name, Map<String, String> labels,
                       List<Operation> operations, List<Scenario> scenarios, List<Pattern> patterns) {
        this(primary, second, seeds, name, labels, operations, scenarios, patterns, List.of());
    }

    /** The same run with these app jobs. */
    public ProbeConfig withApps(List<AppJob> jobs) {
        return new ProbeConfig(primary, second, seeds, name, labels, operations, scenarios, patterns, jobs);
    }

    /** The whole catalogue; seeds default to {@code primary/fsconform-seed} when that tree exists. */
    public static ProbeConfig full(Path primary, Path second, Path seeds, String name, Map<String, String> labels) {
        Path seedRoot = seeds != null ? seeds : primary.resolve(Seeds.DIR_NAME);
        return new ProbeConfig(primary, second, seedRoot, name, labels, List.of(Operation.values()), Catalogue.scenarios(),
                List.of(Pattern.values()));
    }
}
