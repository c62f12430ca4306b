package dev.fsconform.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per-environment cost of the container matrix (start the container, exec the probe, remove it) against
 * the bare alternative, `docker run --rm IMAGE java … probe …` with the same mounts, JVM flags and
 * probe arguments, run alternately so both see the same load. Usage: ContainerBench JAR RUNS [ENV...]
 */
public final class ContainerBench {
    private ContainerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        List<String> only = Arrays.asList(args).subList(2, args.length);
        EngineApi api = EngineApi.connect(null);
        Path work = Files.createTempDirectory("fsconform-bench-");
        try (Cleanup cleanup = new Cleanup(api, work)) {
            Images images = Images.ensure(api, jar, java.util.Set.of(), false, RunId.current(), cleanup, line -> { });
            Engine engine = ApiEngine.docker(api, images, RunId.current(), cleanup);
            System.out.printf("%-38s %9s %9s %6s   (medians of %d runs, ms)%n", "environment", "fsconform", "docker-run", "ratio", runs);
            for (ContainerEnv listed : ContainerCatalog.standard().environments()) {
                if (listed.engine() != EngineKind.DOCKER || (!only.isEmpty() && !only.contains(listed.name()))) {
                    continue;
                }
                // The probe's own cost: the app cells have bench/apps.sh.
                ContainerEnv env = listed.withApps("none");
                ContainerRun.run(env, engine);
                bare(env, images.probe(), work);
                List<Long> ours = new ArrayList<>();
                List<Long> theirs = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    String status = ContainerRun.run(env, engine).status().toString();
                    ours.add((System.nanoTime() - t0) / 1_000_000);
                    if (!status.equals("RAN")) {
                        throw new IllegalStateException(env.name() + ": " + status);
                    }
                    theirs.add(bare(env, images.probe(), work));
                }
                long a = median(ours);
                long b = median(theirs);
                System.out.printf("%-38s %9d %9d %6.2f%n", env.name(), a, b, (double) a / b);
            }
        }
    }

    /** The bare run: one `docker run --rm` with the environment's mount and seccomp, probe output discarded. */
    private static long bare(ContainerEnv env, String image, Path work) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "none"));
        String volume = null;
        String source = null;
        switch (env.mount()) {
            case BIND:
                source = Files.createDirectories(work.resolve("bare-bind")).toString();
                break;
            case VOLUME:
                volume = "fsconform-bench-" + ProcessHandle.current().pid();
                source = volume;
                break;
            default:
                break;
        }
        argv.addAll(env.mount().runArgs(source));
        if (!env.seccomp().equals(ContainerEnv.DEFAULT_SECCOMP)) {
            argv.addAll(List.of("--security-opt", "seccomp=" + (env.seccomp().equals(ContainerEnv.UNCONFINED) ? "unconfined"
                    : Path.of("matrix", "docker", env.seccomp()).toAbsolutePath())));
        }
        argv.add(image);
        argv.addAll(ContainerRun.argv(env, Map.of()));
        long t0 = System.nanoTime();
        if (volume != null) {
            run(List.of("docker", "volume", "create", volume));
        }
        run(argv);
        if (volume != null) {
            run(List.of("docker", "volume", "rm", volume));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", argv.subList(0, 4)));
        }
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
