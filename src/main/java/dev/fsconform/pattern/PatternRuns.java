package dev.fsconform.pattern;

import dev.fsconform.sys.Posix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The patterns' call sequences. Fixture writes use Java; the calls that matter go through {@link Posix}. */
final class PatternRuns {
    private static final String DATA = "payload";

    private PatternRuns() {
    }

    static PatternResult run(Pattern p, PatternContext ctx) throws IOException {
        Path d = ctx.dir();
        Steps steps = new Steps(d);
        Posix posix = Posix.get();
        switch (p) {
            case UV_CACHE_PERSIST: {
                Path cache = Files.createDirectories(d.resolve("cache"));
                Path tmp = Files.createTempDirectory(cache, ".tmp");
                Files.writeString(tmp.resolve("METADATA"), DATA);
                Path archive = Files.createDirectories(cache.resolve("archive-v0"));
                Path dst = archive.resolve("L6-C5kj");
                steps.call("rename", tmp, dst, () -> posix.rename(tmp, dst));
                return Outcome.of(steps, tmp, dst, Checks.holds(dst.resolve("METADATA")));
            }
            case TEMPFILE_NOCLOBBER: {
                Path cache = Files.createDirectories(d.resolve("cache"));
                Path tmp = write(cache.resolve(".tmpN0cl0b"));
                Path dst = Files.createDirectories(cache.resolve("sub")).resolve("final");
                boolean ok = steps.call("renameat2_noreplace", tmp, dst, () -> posix.renameat2(tmp, dst, Posix.RENAME_NOREPLACE));
                if (!ok && Checks.fallbackErrno(steps.failedErrno(), "EINVAL", "ENOSYS")
                        && steps.call("link", tmp, dst, () -> posix.link(tmp, dst))) {
                    steps.call("unlink", tmp, null, () -> Checks.unlink(tmp));
                    return Outcome.fallback(steps, tmp, dst, Checks.holds(dst));
                }
                return Outcome.of(steps, tmp, dst, Checks.holds(dst));
            }
            case TEMPDIR_CHILD_TO_PARENT: {
                Path out = Files.createDirectories(d.resolve("out"));
                Path tmpDir = Files.createTempDirectory(out, ".tmp");
                Path f = write(tmpDir.resolve("lib.rmeta"));
                Path dst = out.resolve("lib.rmeta");
                steps.call("rename", f, dst, () -> posix.rename(f, dst));
                return Outcome.of(steps, f, dst, Checks.holds(dst));
            }
            case ATOMIC_REPLACE: {
                Path dst = Files.writeString(d.resolve("config"), "old");
                Path tmp = d.resolve(".config.tmp");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(DATA.getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
                steps.note("open(.config.tmp, O_EXCL), write, fsync");
                steps.call("rename", tmp, dst, () -> posix.rename(tmp, dst));
                return Outcome.of(steps, tmp, dst, Checks.holds(dst));
            }
            case STAGING_TO_CAS: {
                Path stagingRoot = ctx.otherMountDir() != null ? ctx.otherMountDir() : d;
                Path tmp = write(Files.createDirectories(stagingRoot.resolve("staging")).resolve("9f86d081"));
                Path dst = Files.createDirectories(d.resolve("cas/9f")).resolve("9f86d081");
                steps.call("rename", tmp, dst, () -> posix.rename(tmp, dst));
                return Outcome.of(steps, tmp, dst, Checks.holds(dst));
            }
            case HARDLINK_PUBLISH: {
                Path objects = Files.createDirectories(d.resolve("objects"));
                Path tmp = write(objects.resolve("tmp_obj_Xy12"));
                Path dst = Files.createDirectories(objects.resolve("ab")).resolve("cdef0123");
                if (steps.call("link", tmp, dst, () -> posix.link(tmp, dst))) {
                    steps.call("unlink", tmp, null, () -> Checks.unlink(tmp));
                    return Outcome.of(steps, tmp, dst, Checks.holds(dst));
                }
                if (steps.call("rename", tmp, dst, () -> posix.rename(tmp, dst))) {
                    return Outcome.fallback(steps, tmp, dst, Checks.holds(dst));
                }
                return Outcome.of(steps, tmp, dst, Checks.holds(dst));
            }
            case IMAGE_LAYER_DIR_MOVE: {
                Path src = ctx.seeded().resolve("a/toolchain");
                Path dst = ctx.seeded().resolve("b/toolchain");
                steps.call("rename", src, dst, () -> posix.rename(src, dst));
                return Outcome.of(steps, src, dst, Checks.holds(dst.resolve("bin")));
            }
            case MV_FALLBACK: {
                Path src = Files.createDirectories(d.resolve("a/payload"));
                write(src.resolve("data"));
                Path dst = Files.createDirectories(d.resolve("b")).resolve("payload");
                boolean ok = steps.call("renameat2_noreplace", src, dst, () -> posix.renameat2(src, dst, Posix.RENAME_NOREPLACE));
                if (!ok && Checks.fallbackErrno(steps.failedErrno(), "EXDEV")) {
                    Checks.copyThenDelete(src, dst);
                    steps.note("copy tree + delete source");
                    return Outcome.fallback(steps, src, dst, Checks.holds(dst.resolve("data")));
                }
                return Outcome.of(steps, src, dst, Checks.holds(dst.resolve("data")));
            }
            case EXCHANGE_SWAP: {
                Path current = Files.createDirectories(d.resolve("current"));
                Files.writeString(current.resolve("VERSION"), "1");
                Path next = Files.createDirectories(d.resolve("next"));
                Files.writeString(next.resolve("VERSION"), "2");
                steps.call("renameat2_exchange", next, current, () -> posix.renameat2(next, current, Posix.RENAME_EXCHANGE));
                return Outcome.of(steps, next, current, Checks.holds(current.resolve("VERSION"), "2"));
            }
            default:
                throw new AssertionError(p);
        }
    }

    private static Path write(Path p) throws IOException {
        return Files.writeString(p, DATA);
    }

    static String data() {
        return DATA;
    }
}
