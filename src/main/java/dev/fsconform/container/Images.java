package dev.fsconform.container;

import dev.fsconform.input.MatrixFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The probe and dind images (one per Debian suite, for the inner-engine generations) and the kernel
 * guests' images ({@link KernelContainers}), built by
 * matrix/docker/build-images.sh (bundled in the jar) or found by
 * their content-hash tags, so a second run builds nothing. The probe image carries this very jar and
 * the seed tree it writes, in a layer of its own.
 *
 * @param probeApps the probe on a Debian system with the app cells' tools, null when none was asked for
 * @param dind the dind image of each Debian suite an inner engine was asked for
 */
record Images(String probe, String probeApps, Map<String, String> dind) {
    /** The recipe, as laid out under matrix/ (build-images.sh finds apt-suite.sh next to its directory). */
    static final String[] SCRIPTS = {"docker/build-images.sh", "docker/dind-entrypoint.sh", "debian/apt-suite.sh"};
    /** A cold dind build downloads and unpacks a Debian system. */
    private static final long TIMEOUT_MINUTES = 45;

    Images {
        dind = Map.copyOf(dind);
    }

    /** The probe image {@code env}'s container runs: the one with the tools when its probe runs apps. */
    String probeFor(ContainerEnv env) {
        return env.apps() == null ? probe : probeApps;
    }

    /** The dind image of {@code suite}'s generation. */
    String dind(String suite) throws EngineException {
        String tag = dind.get(suite);
        if (tag == null) {
            throw new EngineException("no dind image of " + suite + " was built");
        }
        return tag;
    }

    /**
     * @param apps whether to build the probe-apps image too
     * @param run the run asking: the script keeps the images it hands out while this run lives
     * @param cleanup the run's: the scripts go below its directory, so that after a SIGKILL the next run's
     *               {@link Leftovers} finds the orphaned build by its command line and removes both; on
     *               Ctrl-C or SIGTERM its hook stops the build
     */
    static Images ensure(EngineApi api, Path jar, Set<String> suites, boolean apps, RunId run, Cleanup cleanup,
                         Consumer<String> progress) throws EngineException {
        Path dir = null;
        try {
            dir = Files.createDirectories(cleanup.runDir().resolve("images"));
            MatrixFile.extractScripts(dir, SCRIPTS);
            List<String> argv = new ArrayList<>(List.of("bash", dir.resolve(SCRIPTS[0]).toString(), "--jar",
                    jar.toAbsolutePath().toString(), "base", "probe"));
            if (apps) {
                argv.add("probe-apps");
            }
            suites.forEach(s -> argv.add("dind:" + s));
            Map<String, String> tags = run(argv, Map.of(), api.host(), run, cleanup, progress);
            Map<String, String> dind = new HashMap<>();
            for (String s : suites) {
                if (!tags.containsKey("dind:" + s)) {
                    throw new EngineException("build-images.sh printed no dind image tag for " + s + ": " + tags);
                }
                dind.put(s, tags.get("dind:" + s));
            }
            if (!tags.containsKey("probe")) {
                throw new EngineException("build-images.sh printed no image tags: " + tags);
            }
            if (apps && !tags.containsKey("probe-apps")) {
                throw new EngineException("build-images.sh printed no probe-apps image tag: " + tags);
            }
            return new Images(tags.get("probe"), tags.get("probe-apps"), dind);
        } catch (IOException e) {
            throw new EngineException("cannot run build-images.sh: " + e.getMessage());
        } finally {
            Cleanup.deleteTree(dir);
        }
    }

    /**
     * The image of one kernel guest (build-images.sh kernel:NAME=DIR): QEMU and the guest's tools, the
     * kernel built in {@code kernelDir}, the jar and its class-data archive, dumped in the image by
     * {@code cdsDump} (a shell command line).
     */
    static String kernel(EngineApi api, Path jar, String name, Path kernelDir, String cdsDump, RunId run, Cleanup cleanup,
                         Consumer<String> progress) throws EngineException {
        return one(api, List.of("--jar", jar.toAbsolutePath().toString(), "kernel:" + name + "=" + kernelDir), "kernel:" + name,
                "images-" + name, Map.of("FSCONFORM_CDS_DUMP", cdsDump), run, cleanup, progress);
    }

    /** The Debian system with QEMU and the kernel builder's tools (build-images.sh kernel-tools); needs no jar. */
    static String kernelTools(EngineApi api, RunId run, Cleanup cleanup, Consumer<String> progress) throws EngineException {
        return one(api, List.of("kernel-tools"), "kernel-tools", "images-kernel-tools", Map.of(), run, cleanup, progress);
    }

    /** build-images.sh ARGS, from scripts extracted into {@code dir} of the run's directory: the tag of {@code want}. */
    private static String one(EngineApi api, List<String> args, String want, String dir, Map<String, String> env, RunId run,
                              Cleanup cleanup, Consumer<String> progress) throws EngineException {
        Path scripts = null;
        try {
            scripts = Files.createDirectories(cleanup.runDir().resolve(dir));
            MatrixFile.extractScripts(scripts, SCRIPTS);
            List<String> argv = new ArrayList<>(List.of("bash", scripts.resolve(SCRIPTS[0]).toString()));
            argv.addAll(args);
            Map<String, String> tags = run(argv, env, api.host(), run, cleanup, progress);
            if (!tags.containsKey(want)) {
                throw new EngineException("build-images.sh printed no image tag for " + want + ": " + tags);
            }
            return tags.get(want);
        } catch (IOException e) {
            throw new EngineException("cannot run build-images.sh: " + e.getMessage());
        } finally {
            Cleanup.deleteTree(scripts);
        }
    }

    private static Map<String, String> run(List<String> argv, Map<String, String> env, String host, RunId run, Cleanup cleanup,
                                           Consumer<String> progress) throws IOException, EngineException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        pb.environment().put("DOCKER_HOST", host);
        pb.environment().put("FSCONFORM_RUN", run.toString());
        String base = System.getProperty("fsconform.base.image");
        if (base != null && !base.isBlank()) {
            pb.environment().put("FSCONFORM_BASE_IMAGE", base);
        }
        Process p = pb.start();
        cleanup.process(p);
        try {
            return tags(p, progress);
        } finally {
            cleanup.processDone(p);
        }
    }

    private static Map<String, String> tags(Process p, Consumer<String> progress) throws IOException, EngineException {
        p.getOutputStream().close();
        List<String> err = new ArrayList<>();
        CompletableFuture<Void> errs = CompletableFuture.runAsync(() -> lines(p.getErrorStream(), l -> {
            err.add(l);
            if (l.contains("building") || l.contains("pulling") || l.contains("waiting") || l.contains("failed")) {
                progress.accept("images: " + l.replaceFirst("^build-images: ", ""));
            }
        }));
        Map<String, String> tags = new HashMap<>();
        lines(p.getInputStream(), l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                tags.put(l.substring(0, eq), l.substring(eq + 1).strip());
            }
        });
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new EngineException("build-images.sh did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            errs.join();
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while building images");
        }
        if (p.exitValue() != 0) {
            String last = err.isEmpty() ? "exit " + p.exitValue() : err.get(err.size() - 1);
            throw new EngineException("building the container images failed: " + last.replaceFirst("^build-images: ", ""));
        }
        return tags;
    }

    private static void lines(InputStream in, Consumer<String> each) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.lines().forEach(each);
        } catch (IOException ignored) {
            // The process ended; its exit code tells what happened.
        }
    }
}
