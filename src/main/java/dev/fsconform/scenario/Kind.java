package dev.fsconform.scenario;

/** The kinds of object a scenario puts at the source or target path. */
public enum Kind {
    FILE("file"),
    /** A directory with a file in it: what real programs move. */
    DIR("dir"),
    EMPTYDIR("emptydir"),
    SYMLINK("symlink");

    private final String token;

    Kind(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public boolean directory() {
        return this == DIR || this == EMPTYDIR;
    }
}
