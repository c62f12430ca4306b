package dev.fsconform.container;

import com.github.dockerjava.api.model.Container;
import dev.fsconform.env.Reaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes what earlier runs left behind, at the start of a run: containers and volumes labelled
 * dev.fsconform.owner=fsconform whose run is over (its JVM is gone), and their run directories.
 * Runs still in progress (another JVM on this machine) are left alone; nothing unlabelled is touched.
 * A run directory of a gone run goes with every process still naming it (an image build the killed
 * JVM started).
 */
final class Leftovers {
    static final String RUN_DIR_PREFIX = "fsconform-containers-";
    private static final int SETTLE_ROUNDS = 5;
    private static final Duration SETTLE = Duration.ofMillis(500);

    private Leftovers() {
    }

    /** Returns one line per thing removed. */
    static List<String> reap(EngineApi api, Path workDir, Instant now) throws EngineException {
        List<String> out = new ArrayList<>();
        Map<String, String> owner = Map.of(Labels.OWNER_LABEL, Labels.OWNER);
        Map<String, String> containers = new LinkedHashMap<>();
        Set<String> failed = new HashSet<>();
        Set<String> reapedRuns = new HashSet<>();
        // A create request whose client was killed can still be running in the engine, and it registers
        // its container again after a removal; so look again after a pause until nothing stale is left.
        // A container the engine refused to remove is not tried again in this call.
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            List<Container> stale = api.containers(owner).stream().filter(c -> stale(c, now))
                    .filter(c -> !failed.contains(c.getId())).toList();
            if (stale.isEmpty()) {
                break;
            }
            for (Container c : stale) {
                // Inner engines get SIGTERM first so they unmount; the removal of a container that
                // was stopped is the engine's (auto-remove), so wait for it before removing volumes.
                if (c.getLabels().containsKey(Labels.DRIVER_LABEL)) {
                    api.stop(c.getId(), 20);
                }
                boolean gone = api.removeAndWait(c.getId(), Duration.ofSeconds(30));
                String run = c.getLabels().get(Labels.RUN_LABEL);
                containers.put(c.getId(), (gone ? "" : "NOT removed: ") + "container " + EngineApi.shortId(c.getId())
                        + " of run " + run);
                if (gone) {
                    reapedRuns.add(String.valueOf(run));
                } else {
                    failed.add(c.getId());
                }
            }
            pause(SETTLE);
        }
        out.addAll(containers.values());
        for (String line : api.volumes().list(owner)) {
            String[] v = line.split("\t", 2);
            // A volume has no creation time here; one still in use refuses removal, which keeps it.
            boolean stale = stale(v.length > 1 ? v[1] : "", Instant.EPOCH, now, false);
            if (stale && reapedRuns.contains(v.length > 1 ? v[1] : "")) {
                // Its container was just removed: the engine releases the volume only after it forgets
                // the container, later still on a loaded machine. Be patient, and say so if that failed.
                Optional<String> refused = api.volumes().remove(v[0], Duration.ofSeconds(30));
                out.add(refused.map(r -> "NOT removed: volume " + v[0] + " (" + r + ")").orElse("volume " + v[0]));
            } else if (stale && api.volumes().remove(v[0], Duration.ZERO).isEmpty()) {
                // Any other stale volume is removed if nothing holds it; one still in use is kept.
                out.add("volume " + v[0]);
            }
        }
        try (Stream<Path> dirs = Files.isDirectory(workDir) ? Files.list(workDir) : Stream.empty()) {
            dirs.filter(d -> d.getFileName().toString().startsWith(RUN_DIR_PREFIX))
                    .filter(d -> stale(d.getFileName().toString().substring(RUN_DIR_PREFIX.length()), Instant.EPOCH, now, true))
                    .forEach(d -> {
                        // An image build or inner engine the killed run started may still be at work in it.
                        int killed = Reaper.killProcessesNaming(d);
                        Cleanup.deleteTree(d);
                        out.add("directory " + d + (killed > 0 ? " (and " + killed + " process(es))" : ""));
                    });
        } catch (IOException e) {
            out.add("cannot list " + workDir + ": " + e.getMessage());
        }
        return out;
    }

    private static boolean stale(Container c, Instant now) {
        Instant created = Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated());
        return stale(c.getLabels().get(Labels.RUN_LABEL), created, now, "running".equals(c.getState()));
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Labels fsconform did not write (a hand-started dind.sh run): only once stopped or old. */
    static boolean stale(String runLabel, Instant created, Instant now, boolean running) {
        Optional<RunId> run = RunId.parse(runLabel);
        if (run.isPresent()) {
            return run.get().stale(created, now);
        }
        return !running || created.plus(RunId.FOREIGN_AGE).isBefore(now);
    }
}
