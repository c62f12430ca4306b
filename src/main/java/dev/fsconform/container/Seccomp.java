package dev.fsconform.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The seccomp choice of an environment as Docker's security option, and the profile files behind it. */
final class Seccomp {
    private Seccomp() {
    }

    /** The profile's JSON: ./matrix/docker/NAME when run from a checkout, else the copy in the jar. */
    static String profile(String file) throws EngineException {
        Path local = Path.of("matrix", "docker", file);
        try {
            if (Files.isRegularFile(local)) {
                return Files.readString(local);
            }
            try (InputStream in = Seccomp.class.getResourceAsStream("/matrix/docker/" + file)) {
                if (in == null) {
                    throw new EngineException("no seccomp profile matrix/docker/" + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new EngineException("cannot read seccomp profile " + file + ": " + e.getMessage());
        }
    }

    /** What the results record: the profile, and where it came from. */
    static String describe(ContainerEnv env) {
        switch (env.seccomp()) {
            case ContainerEnv.DEFAULT_SECCOMP: return "default (the engine's built-in profile)";
            case ContainerEnv.UNCONFINED: return "unconfined";
            default: return env.seccompName() + " (matrix/docker/" + env.seccomp() + ")";
        }
    }
}
