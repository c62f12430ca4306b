package dev.fsconform.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One long-running container of an image fsconform did not build, with the probe jar (and, unless the
 * image's own Java is named, a Java runtime) copied in before it starts: what `validate --image` probes
 * in. The entrypoint is that Java running {@link KeepAlive}, so the image needs no shell and no sleep.
 */
public final class ImageSession implements AutoCloseable {
    static final String DIR = "/fsconform";
    private static final Duration PULL = Duration.ofSeconds(60);
    private static final Duration PROBE = Duration.ofSeconds(300);

    private final EngineApi api;
    private final String id;
    private final String java;
    private String describe;

    private AutoCloseable service = () -> { };

    private ImageSession(EngineApi api, String id, String java, String describe) {
        this.api = api;
        this.id = id;
        this.java = java;
        this.describe = describe;
    }

    /**
     * @param runtime OCI runtime registered with the engine, null for its default
     * @param stagedRuntime a Java runtime to copy in (glibc-linked), or null to use {@code imageJava}
     */
    public static ImageSession start(String image, String runtime, String dockerHost, Path jar, Path stagedRuntime,
                                     String imageJava) {
        EngineApi api;
        try {
            api = EngineApi.connect(dockerHost);
        } catch (EngineException e) {
            throw new ContainerException("Docker not found: " + e.getMessage());
        }
        ensureImage(api, image);
        String java = stagedRuntime != null ? DIR + "/jre/bin/java" : imageJava;
        List<String> entrypoint = new ArrayList<>(List.of(java, "-Xmx16m", "-XX:+UseSerialGC", "-cp", DIR + "/fsconform.jar",
                KeepAlive.class.getName(), String.valueOf(Engine.LIFETIME_SECONDS)));
        ContainerSpec spec = spec(image, runtime, entrypoint);
        if (api.version().product().startsWith("Podman")) {
            // Where root may not raise limits, podman's defaults keep the container from starting.
            spec = spec.withUlimits(PodmanEngine.limits());
        }
        String describe = "image " + image + (runtime == null ? "" : " (runtime " + runtime + ")") + " on " + api.host();
        String id = null;
        try {
            id = api.create(spec);
            copyProbe(api, id, jar, stagedRuntime);
            api.start(id);
            ImageSession s = new ImageSession(api, id, java, describe);
            s.checkJava(image);
            return s;
        } catch (EngineException e) {
            remove(api, id);
            throw new ContainerException(describe + ": " + e.getMessage());
        } catch (ContainerException e) {
            remove(api, id);
            throw e;
        }
    }

    /**
     * The container validate runs a user's image as: exactly what the image and the runtime the user
     * named give, with no privilege, capability, device, mount, security option or network added.
     */
    static ContainerSpec spec(String image, String runtime, List<String> entrypoint) {
        return ContainerSpec.of(image, List.of(), Labels.owner(RunId.current(), "validate"))
                .withEntrypoint(entrypoint).withRuntime(runtime);
    }

    /**
     * The same through podman: a podman API service of the calling user, on their own storage (so their
     * images are there), with {@code runtime} (null: podman's default), ended with the session.
     */
    public static ImageSession startPodman(String image, String runtime, Path jar, Path stagedRuntime, String imageJava) {
        Path dir;
        try {
            dir = Files.createTempDirectory("fsconform-podman-");
        } catch (IOException e) {
            throw new ContainerException("cannot make a directory for podman's socket: " + e.getMessage());
        }
        PodmanService service;
        try {
            service = PodmanService.forCurrentUser(dir, runtime);
        } catch (EngineException e) {
            Cleanup.deleteTree(dir);
            throw new ContainerException("podman: " + e.getMessage());
        }
        try {
            ImageSession s = start(image, null, service.host(), jar, stagedRuntime, imageJava);
            // podman's Docker API ignores a container's runtime: the service's is the one that ran it.
            s.describe = "image " + image + " (podman, runtime " + (runtime == null ? "podman's default" : runtime) + ") on "
                    + service.host();
            s.service = () -> {
                service.close();
                Cleanup.deleteTree(dir);
            };
            return s;
        } catch (ContainerException e) {
            service.close();
            Cleanup.deleteTree(dir);
            throw e;
        }
    }

    private static void ensureImage(EngineApi api, String image) {
        try {
            if (!api.hasImage(image)) {
                api.pull(image, PULL);
            }
        } catch (EngineException e) {
            throw new ContainerException("image " + image + " not found locally and cannot be pulled: " + e.getMessage());
        }
    }

    /** Copies to /fsconform: the jar, the runtime, and an exec-able temp dir for jffi's stub. */
    private static void copyProbe(EngineApi api, String id, Path jar, Path runtime) throws EngineException {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("fsconform-tmp-");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            Map<String, Path> entries = new LinkedHashMap<>();
            entries.put(DIR.substring(1) + "/fsconform.jar", jar);
            entries.put(DIR.substring(1) + "/tmp", tmp);
            if (runtime != null) {
                entries.put(DIR.substring(1) + "/jre", runtime);
            }
            api.io().copyInto(id, entries, "/");
        } catch (IOException e) {
            throw new EngineException("cannot stage the probe: " + e.getMessage());
        } finally {
            Cleanup.deleteTree(tmp);
        }
    }

    private void checkJava(String image) {
        try {
            ExecResult r = api.io().exec(id, List.of(java, "-version"), Duration.ofSeconds(60));
            if (!r.ok()) {
                throw new ContainerException("no usable Java in " + image + " at " + java + ": " + r.lastLine());
            }
        } catch (EngineException e) {
            throw new ContainerException("the Java runtime does not start in " + image + " (" + e.getMessage()
                    + "); a staged runtime needs glibc in the image, else name the image's Java with --java");
        }
    }

    public String describe() {
        return describe;
    }

    /** Runs {@code java -jar fsconform.jar ARGS} in the container; returns its standard output. */
    public String probe(List<String> args) {
        List<String> argv = new ArrayList<>(List.of(java, "-Djava.io.tmpdir=" + DIR + "/tmp"));
        argv.addAll(ContainerRun.JVM_FLAGS);
        argv.addAll(List.of("-jar", DIR + "/fsconform.jar"));
        argv.addAll(args);
        try {
            ExecResult r = api.io().exec(id, argv, PROBE);
            if (!r.ok()) {
                throw new ContainerException("probe failed in the container (exit " + r.exitCode() + "): " + r.lastLine());
            }
            return r.stdout();
        } catch (EngineException e) {
            throw new ContainerException(e.getMessage());
        }
    }

    @Override
    public void close() {
        remove(api, id);
        try {
            service.close();
        } catch (Exception e) {
            System.err.println("fsconform: stopping podman's service: " + e.getMessage());
        }
    }

    /** Waits until the engine no longer lists it, and says so when the engine kept it. */
    private static void remove(EngineApi api, String id) {
        if (id != null && !api.removeAndWait(id, Duration.ofSeconds(30))) {
            System.err.println("fsconform: the engine did not remove container " + EngineApi.shortId(id)
                    + " (labelled dev.fsconform.owner=fsconform; the next `fsconform matrix` or `docker rm -f` removes it)");
        }
    }
}
