package dev.fsconform.container;

import dev.fsconform.input.BoundedText;
import dev.fsconform.input.Limits;
import dev.fsconform.input.MatrixFile;

/** The seccomp choice of an environment as Docker's security option, and the profile files behind it. */
final class SeccompOption {
    private SeccompOption() {
    }

    /** The profile's JSON, matrix/docker/NAME of the checkout this build runs from, else the jar's copy. */
    static String profile(String file) throws EngineException {
        try {
            return MatrixFile.standard("docker/" + file, Limits.CATALOGUE_BYTES).text();
        } catch (BoundedText.Unreadable e) {
            throw new EngineException("seccomp profile " + file + ": " + e.getMessage());
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
