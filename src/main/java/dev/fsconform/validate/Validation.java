package dev.fsconform.validate;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.ResultsJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the probe once per directory inside a sandbox. With two or more directories each probe also
 * gets the next one as its second directory, so mount boundaries between the sandbox's directories
 * (workspace vs /tmp) show up as cross-mount cells and in the staging pattern.
 */
final class Validation {
    private Validation() {
    }

    static List<EnvironmentResult> run(Carrier carrier, List<String> dirs, String group, String apps) {
        List<EnvironmentResult> out = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            String dir = dirs.get(i);
            String name = group + ":" + dir;
            List<String> args = new ArrayList<>(List.of("probe", dir, "--name", name, "--json", "-",
                    "--label", "group=" + group, "--label", "description=" + carrier.describe(), "--apps", apps));
            if (dirs.size() > 1) {
                args.add("--second");
                args.add(dirs.get((i + 1) % dirs.size()));
            }
            long t0 = System.nanoTime();
            try {
                String json = carrier.runProbe(args);
                out.addAll(ResultsJson.read(json, "probe output from " + carrier.describe()).environments());
            } catch (SandboxUnusableException | InvalidResultsException e) {
                out.add(EnvironmentResult.notRun(name, group, carrier.describe(), EnvStatus.SETUP_ERROR, e.getMessage(),
                        (System.nanoTime() - t0) / 1_000_000));
            }
        }
        return out;
    }
}
