package dev.fsconform.container;

/**
 * One generation of the inner Docker engine: the dind image built from a Debian suite, whose docker.io
 * is that generation (each needs its suite's libc). The id says the version the catalogue expects,
 * e.g. {@code docker-26.1}; the engine's real version is checked against it and recorded.
 */
record Generation(String id, String suite) {
    private static final String ID = "docker-[0-9]+\\.[0-9]+";

    Generation {
        if (id == null || !id.matches(ID)) {
            throw new IllegalArgumentException("generation ids look like docker-26.1 (got '" + id + "')");
        }
        if (suite == null || !suite.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("generation " + id + ": suite must be a Debian suite name (got '" + suite + "')");
        }
    }

    /** "26.1" of docker-26.1. */
    String expectedVersion() {
        return id.substring("docker-".length());
    }

    /** Whether an engine that reports {@code version} (e.g. 26.1.5+dfsg1) is this generation. */
    boolean matches(String version) {
        return version.equals(expectedVersion()) || version.startsWith(expectedVersion() + ".");
    }
}
