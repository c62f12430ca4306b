package dev.fsconform.repro;

import dev.fsconform.verdict.CellLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsconform.operation.Operation;
import dev.fsconform.probe.Probe;
import dev.fsconform.probe.ProbeConfig;
import dev.fsconform.result.EnvironmentResult;
import dev.fsconform.result.Observation;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reproduction is only worth showing if it reproduces: every native call's C program, run on its
 * shell fixture, must give the errno the probe measured for the same cell on the same filesystem.
 * Fresh same/cross-directory scenarios only (seeded and cross-mount ones need mounts).
 */
class ReproductionReproducesIT {
    private static final List<Operation> NATIVE = List.of(Operation.RENAME, Operation.RENAMEAT, Operation.RENAMEAT2,
            Operation.RENAMEAT2_NOREPLACE, Operation.RENAMEAT2_EXCHANGE, Operation.RENAMEAT2_WHITEOUT,
            Operation.LINK, Operation.LINKAT);

    @TempDir
    Path dir;

    @Test
    void everyNativeProgramGivesTheProbesErrno() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")), "no C compiler at /usr/bin/cc");
        // GIVEN the probe's observations of the fresh scenarios on this filesystem
        List<Scenario> fresh = Catalogue.scenarios().stream().filter(s -> !s.seeded() && !s.crossMount()).toList();
        Path probeDir = Files.createDirectories(dir.resolve("probe"));
        EnvironmentResult probed = new Probe(new ProbeConfig(probeDir, null, null, "t", Map.of(), NATIVE, fresh, List.of())).run();
        Map<String, Path> binaries = new HashMap<>();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        for (Observation o : probed.cells()) {
            if (!o.ran()) {
                continue;
            }
            Operation op = Operation.byId(o.operation()).orElseThrow();
            Scenario s = Catalogue.byId(o.scenario()).orElseThrow();
            Reproduction r = Reproductions.of(op, s);
            Path binary = binaries.computeIfAbsent(op.id() + "-" + s.placement(), k -> compile(k, r.program()));
            // WHEN its reproduction runs by hand
            String out = sh(r.setup() + "\n" + binary, tmp);
            // THEN it reports the errno the probe saw (0 for success)
            int expected = o.errno() == null ? 0 : o.errno();
            assertThat(out).as(CellLabel.of(o) + " (probe: " + o.outcome() + ")\n" + r.setup()).contains("errno=" + expected + "\n");
        }
        // Each operation was reproduced in one directory and across two.
        assertThat(binaries).hasSize(NATIVE.size() * 2);
    }

    private Path compile(String name, String program) {
        try {
            Path src = dir.resolve(name + ".c");
            Files.writeString(src, program);
            Path bin = dir.resolve(name);
            String out = sh("cc -Wall -Werror -o " + bin + " " + src + " && echo compiled", dir);
            assertThat(out).as(program).contains("compiled");
            return bin;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sh(String script, Path tmpdir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        pb.environment().put("TMPDIR", tmpdir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
