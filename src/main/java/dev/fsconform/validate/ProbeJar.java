package dev.fsconform.validate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The one self-contained jar a sandbox runs the probe from. Started as {@code java -jar fsconform.jar}
 * that is this jar. As a library on someone's test class path (Maven's thin artifact, Gradle's cache,
 * an IDE's classes directory) the probe's dependencies sit in other class path entries: the ones the
 * build recorded in {@link #DEPENDENCIES} are found there by file name and merged, once, into a cached
 * jar. No system property is needed, so a driver author's build works with the dependency alone.
 */
public final class ProbeJar {
    /** Written by the build: the runtime artifacts of fsconform, one {@code group:artifact:type[:classifier]:version} a line. */
    static final String DEPENDENCIES = "META-INF/fsconform/probe-dependencies.txt";
    /** Only a jar holding the probe's dependencies runs on its own. */
    private static final String SELF_CONTAINED_MARK = "picocli/CommandLine.class";

    private ProbeJar() {
    }

    /** This jar when it runs on its own, else the jar assembled from the class path (cached by content). */
    public static Path locate() {
        Path self = self();
        if (selfContained(self)) {
            return self;
        }
        List<Artifact> needed = dependencies();
        List<Path> classPath = ClassPathEntries.current();
        List<Path> parts = new ArrayList<>(List.of(self));
        for (Artifact a : needed) {
            a.find(classPath).ifPresent(parts::add);
        }
        try {
            return JarMerge.cached(parts, Path.of(System.getProperty("user.home"), ".cache", "fsconform"));
        } catch (IOException e) {
            throw new SandboxUnusableException("cannot assemble the probe jar from the class path: " + e.getMessage());
        }
    }

    private static Path self() {
        try {
            return Path.of(ProbeJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new SandboxUnusableException("cannot tell where fsconform's classes come from: " + e);
        }
    }

    private static boolean selfContained(Path self) {
        if (!Files.isRegularFile(self)) {
            return false;
        }
        try (JarFile jar = new JarFile(self.toFile())) {
            return jar.getEntry(SELF_CONTAINED_MARK) != null;
        } catch (IOException e) {
            return false;
        }
    }

    static List<Artifact> dependencies() {
        try (InputStream in = ProbeJar.class.getClassLoader().getResourceAsStream(DEPENDENCIES)) {
            if (in == null) {
                throw new SandboxUnusableException("fsconform's classes lack " + DEPENDENCIES + " (a build without `mvn package`?)");
            }
            return Artifact.parseList(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SandboxUnusableException("cannot read " + DEPENDENCIES + ": " + e.getMessage());
        }
    }
}
