package dev.fsconform.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example a driver author copies: a Landlock sandbox that grants REFER, entered through
 * fsconform's own wrapper, must let every application pattern work in its writable directory.
 */
class LandlockReferSandboxIT extends SandboxConformance {

    @Override
    protected SandboxSpec sandbox() {
        Path workspace = workspace();
        String jar = System.getProperty("fsconform.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return SandboxSpec.exec(java + " -jar " + jar + " sandbox --landlock refer --rw " + workspace + " --")
                .withDirs(workspace.toString());
    }

    static Path workspace() {
        try {
            Path dir = Path.of("target", "sandbox-it").toAbsolutePath();
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, "workspace-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
