package dev.fsconform.pattern;

import java.util.Arrays;
import java.util.Optional;

/**
 * Real programs' publish sequences, each the exact calls the tool makes. A pattern passes when the
 * tool would have worked; its failing call and errno are kept for cause attribution.
 */
public enum Pattern {
    UV_CACHE_PERSIST("uv-cache-persist", "uv",
            "mkdtemp(cache/.tmpX), write, mkdir -p cache/archive-v0, rename(cache/.tmpX → cache/archive-v0/ID)"),
    TEMPFILE_NOCLOBBER("tempfile-noclobber-publish", "uv, Rust tempfile persist_noclobber",
            "write cache/.tmpX, renameat2(NOREPLACE → cache/sub/final); on EINVAL/ENOSYS link + unlink"),
    TEMPDIR_CHILD_TO_PARENT("tempdir-child-to-parent", "pip wheel build, rustc rmeta, cargo install",
            "mkdtemp(d/.tmpX), write d/.tmpX/f, rename(d/.tmpX/f → d/f)"),
    ATOMIC_REPLACE("atomic-replace-same-dir", "pip, dpkg, Maven resolver, git lock files",
            "open(d/.f.tmp, O_EXCL), write, fsync, rename(d/.f.tmp → d/f) over the old d/f"),
    STAGING_TO_CAS("staging-to-cas", "Bazel, npm cacache, apt",
            "write TMP/uuid (TMP on the second directory when given), mkdir cas/ab, rename(TMP/uuid → cas/ab/uuid)"),
    HARDLINK_PUBLISH("hardlink-publish", "git objects, uv hardlink mode",
            "write objects/tmp_obj, link(tmp_obj → objects/ab/cd); on failure rename(tmp_obj → objects/ab/cd)"),
    IMAGE_LAYER_DIR_MOVE("image-layer-dir-move", "Gradle, rustup, nix",
            "rename(a/toolchain → b/toolchain) of a directory that came with the image (seeded)"),
    MV_FALLBACK("mv-fallback", "GNU mv, shutil.move",
            "renameat2(a/payload → b/payload, NOREPLACE); on EXDEV copy the tree and delete the source"),
    EXCHANGE_SWAP("exchange-swap", "atomic release switch",
            "renameat2(current ↔ next, EXCHANGE) in one directory");

    private final String id;
    private final String tools;
    private final String calls;

    Pattern(String id, String tools, String calls) {
        this.id = id;
        this.tools = tools;
        this.calls = calls;
    }

    public String id() {
        return id;
    }

    public String tools() {
        return tools;
    }

    public String calls() {
        return calls;
    }

    /**
     * Whether the pattern works across two directories when it is given a second one (staging-to-cas
     * stages in the second --dir): a mount boundary between them is then the user's layout, which POSIX
     * allows to refuse rename, not a broken sandbox.
     */
    public boolean acrossDirectories() {
        return this == STAGING_TO_CAS;
    }

    public boolean needsSeed() {
        return this == IMAGE_LAYER_DIR_MOVE;
    }

    public static Optional<Pattern> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** Runs the pattern in its context; fixture trouble surfaces as an IOException (a set-up error). */
    public PatternResult run(PatternContext ctx) throws java.io.IOException {
        return PatternRuns.run(this, ctx);
    }
}
