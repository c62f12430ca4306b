package dev.fsconform.validate;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fsconform jar this JVM runs from, to hand to a sandbox; tests point at it with -Dfsconform.jar. */
final class SelfJar {
    private SelfJar() {
    }

    static Path locate() {
        String configured = System.getProperty("fsconform.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath();
        }
        try {
            Path self = Path.of(SelfJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self)) {
                return self;
            }
        } catch (URISyntaxException | SecurityException e) {
            // Fall through to the one-line error below.
        }
        throw new SandboxUnusableException("cannot find fsconform.jar to run inside the sandbox (build it with `mvn package`)");
    }
}
