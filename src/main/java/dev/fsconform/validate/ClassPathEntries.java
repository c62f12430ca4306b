package dev.fsconform.validate;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars and directories this JVM's classes come from: {@code java.class.path} (Surefire, Failsafe
 * and Gradle's test workers put the test class path there) and the URLs of any URL class loader
 * above fsconform's (IDE runners, isolated class loaders).
 */
final class ClassPathEntries {
    private ClassPathEntries() {
    }

    static List<Path> current() {
        Set<Path> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath().normalize());
            }
        }
        for (ClassLoader l = ClassPathEntries.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        if ("file".equals(url.getProtocol())) {
                            out.add(Path.of(url.toURI()).toAbsolutePath().normalize());
                        }
                    } catch (URISyntaxException | IllegalArgumentException ignored) {
                        // Not a local file: nothing to stage from it.
                    }
                }
            }
        }
        return new ArrayList<>(out.stream().filter(Files::exists).toList());
    }
}
