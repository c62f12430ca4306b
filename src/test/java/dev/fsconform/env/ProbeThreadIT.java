package dev.fsconform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.result.EnvStatus;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Fingerprint;
import dev.fsconform.result.MountFacts;
import dev.fsconform.result.Observation;
import dev.fsconform.result.ResultsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The probe on a thread of the host lab ({@code --probe-threads}) measures what the probe as a process
 * of its own measures: the same cells (outcome, errno, exception, detail, post-state, where) and the
 * same sandbox facts in the fingerprint, in the environments whose namespace, Landlock domain or seccomp
 * filter the thread has to take on. Paths differ only by the run's own directory names. A user-namespace
 * environment (overlay-userxattr) keeps its probe process.
 */
class ProbeThreadIT {
    private static final String ONLY = "tmpfs,overlay-default,overlay-userxattr,bind-pair,tmpfs-to-ext4,landlock-no-refer,"
            + "landlock-abi1,landlock-best-effort,landlock-agent,seccomp-renameat2-enosys,bind-pair+landlock-refer,"
            + "overlay-default+seccomp-renameat2-enosys";

    @Test
    void aProbeThreadMeasuresWhatAProbeProcessMeasures() throws Exception {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElse("?");
        assumeTrue("0".equals(uid), "the host lab mounts filesystems and needs root (uid is " + uid + ")");
        Map<String, EnvironmentResult> process = run("process");
        Map<String, EnvironmentResult> thread = run("thread", "--probe-threads");
        assertThat(thread.keySet()).containsExactlyElementsOf(process.keySet());
        int cells = 0;
        for (String name : process.keySet()) {
            EnvironmentResult p = process.get(name);
            EnvironmentResult t = thread.get(name);
            if (p.status() == EnvStatus.TIMEOUT || t.status() == EnvStatus.TIMEOUT) {
                // A loaded machine can exhaust an environment's budget either way: nothing to compare there.
                continue;
            }
            assertThat(t.status()).as(name).isEqualTo(p.status());
            assertThat(t.reason()).as(name).isEqualTo(p.reason());
            if (p.fingerprint() == null) {
                continue;
            }
            // A user-namespace enclave cannot take a thread in: its probe stays a process.
            assertThat(t.fingerprint().labels()).as(name).containsEntry(EnvironmentRun.PROBE_LABEL,
                    name.equals("overlay-userxattr") ? "process" : "thread");
            assertThat(p.fingerprint().labels()).as(name).containsEntry(EnvironmentRun.PROBE_LABEL, "process");
            assertThat(sandboxFacts(t.fingerprint())).as(name).isEqualTo(sandboxFacts(p.fingerprint()));
            assertThat(mounts(t.fingerprint())).as(name).isEqualTo(mounts(p.fingerprint()));
            Map<String, String> pc = cells(p);
            Map<String, String> tc = cells(t);
            assertThat(tc).as(name).isEqualTo(pc);
            cells += pc.size();
        }
        assertThat(cells).as("cells compared").isGreaterThan(1000);
    }

    private static Map<String, EnvironmentResult> run(String label, String... extra) throws Exception {
        Path out = Files.createDirectories(Path.of("target", "probe-thread-it", label));
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                System.getProperty("fsconform.jar", "target/fsconform.jar"), "matrix", "--no-docker", "--json-only",
                "--apps", "none", "--only", ONLY, "--out", out.toString()));
        argv.addAll(List.of(extra));
        Path log = out.resolve("matrix.log");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("matrix finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isBetween(0, 1);
        Map<String, EnvironmentResult> byName = new LinkedHashMap<>();
        ResultsJson.read(out.resolve("matrix.json")).environments().forEach(r -> byName.put(r.name(), r));
        return byName;
    }

    private static List<Object> sandboxFacts(Fingerprint f) {
        Map<String, String> labels = new LinkedHashMap<>(f.labels());
        labels.remove(EnvironmentRun.PROBE_LABEL);
        return List.of(f.uid(), String.valueOf(f.capEff()), f.seccompMode(), f.seccompFilters(), f.noNewPrivs(),
                f.landlockAbi(), String.valueOf(f.landlockRestricted()), String.valueOf(f.sandbox()), labels);
    }

    private static List<String> mounts(Fingerprint f) {
        return f.mounts().stream().map(m -> m.role() + " " + m.fsType() + " " + m.mountOptions() + " "
                + normal(m.superOptions()) + " " + m.statfsType()).toList();
    }

    /** Each cell as one line of what it measured; app cells (real tools, whose own temp names vary) by outcome. */
    private static Map<String, String> cells(EnvironmentResult r) {
        return r.cells().stream().collect(Collectors.toMap(o -> o.cell().text(), ProbeThreadIT::measured,
                (a, b) -> a, LinkedHashMap::new));
    }

    private static String measured(Observation o) {
        if (o.cell().app()) {
            return o.status() + " " + o.outcome() + " " + o.errnoName();
        }
        var w = o.where();
        String where = w == null ? "-" : w.sourceFs() + " " + w.targetFs() + " " + w.seeded() + " "
                + (w.sourceMountId() == w.targetMountId()) + " " + Objects.equals(w.sourceDev(), w.targetDev());
        return String.join(" | ", String.valueOf(o.status()), String.valueOf(o.reason()), String.valueOf(o.outcome()),
                String.valueOf(o.errnoName()), String.valueOf(o.exception()), normal(o.detail()),
                normal(String.valueOf(o.postState())), where);
    }

    /** The run's own directory names (pid and random suffixes) and temporary names out of a text. */
    private static String normal(String s) {
        return s == null ? "null" : s.replaceAll("fsconform-run-\\d+-\\d+", "RUN").replaceAll("fsconform-scratch-[\\d.]+-\\d+", "SCRATCH")
                .replaceAll("\\.tmp\\d+", ".tmpN");
    }
}
