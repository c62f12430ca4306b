package dev.fsconform.validate;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.ProbeStream;
import dev.fsconform.result.ResultsJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the probe once per directory inside a sandbox. With two or more directories each probe also
 * gets the next one as its second directory, so mount boundaries between the sandbox's directories
 * (workspace vs /tmp) show up as cross-mount cells and in the staging pattern. The probe streams its
 * cells, which reach the {@link Validator.Listener} as they finish; its results file stays the record.
 */
final class Validation {
    private Validation() {
    }

    static List<EnvironmentResult> run(Carrier carrier, List<String> dirs, String group, String apps) {
        return run(carrier, dirs, group, apps, new Validator.Listener() { }, Validator.DEFAULT_TIME_LIMIT);
    }

    static List<EnvironmentResult> run(Carrier carrier, List<String> dirs, String group, String apps, Validator.Listener listener,
                                       Duration timeLimit) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        List<EnvironmentResult> out = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            String dir = dirs.get(i);
            String name = group + ":" + dir;
            List<String> args = new ArrayList<>(List.of("probe", dir, "--name", name, "--json", "-", "--stream",
                    "--label", "group=" + group, "--label", "description=" + carrier.describe(), "--apps", apps));
            if (dirs.size() > 1) {
                args.add("--second");
                args.add(dirs.get((i + 1) % dirs.size()));
            }
            long t0 = System.nanoTime();
            EnvironmentResult result;
            try {
                Duration left = Duration.ofNanos(deadline - t0);
                if (left.isNegative() || left.isZero()) {
                    throw new SandboxUnusableException("not probed: the time limit of " + timeLimit.toSeconds() + " s was used up");
                }
                StringBuilder results = new StringBuilder();
                carrier.runProbe(args, line -> {
                    if (results.length() > 0) {
                        results.append(line).append('\n');
                        return;
                    }
                    ProbeStream.read(line).ifPresentOrElse(e -> {
                        if (e.fingerprint() != null) {
                            listener.started(name, e.fingerprint());
                        } else {
                            listener.cell(name, e.cell());
                        }
                    }, () -> results.append(line).append('\n'));
                }, left);
                List<EnvironmentResult> envs = ResultsJson.read(results.toString(), "probe output from " + carrier.describe())
                        .environments();
                if (envs.size() != 1) {
                    throw new InvalidResultsException("probe output from " + carrier.describe() + ": " + envs.size()
                            + " environments, not one");
                }
                result = envs.get(0);
            } catch (SandboxUnusableException | InvalidResultsException e) {
                result = EnvironmentResult.notRun(name, group, carrier.describe(), EnvStatus.SETUP_ERROR, e.getMessage(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            listener.finished(result);
            out.add(result);
        }
        return out;
    }
}
