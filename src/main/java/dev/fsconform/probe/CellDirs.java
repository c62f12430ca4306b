package dev.fsconform.probe;

import dev.fsconform.scenario.Fixture;
import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A cell's directories, held open while its fixture is made and observed: each call then walks one
 * or two names from them instead of the whole path from /, which is most of a system call's cost on
 * a deep scratch directory. The call under test still gets its whole paths.
 */
final class CellDirs implements Fixture.Maker, AutoCloseable {
    private final Path root;
    private final Posix.Dir dir;
    /** The cell's directory on the second mount (cross-mount targets), or null. */
    private final Path root2;
    private final Posix.Dir dir2;
    /** {@code root + "/"} and {@code root2 + "/"}: a fixture path below one of them is that prefix and a relative name. */
    private final String prefix;
    private final String prefix2;

    private CellDirs(Path root, Posix.Dir dir, Path root2, Posix.Dir dir2) {
        this.root = root;
        this.dir = dir;
        this.root2 = root2;
        this.dir2 = dir2;
        this.prefix = root + "/";
        this.prefix2 = root2 == null ? null : root2 + "/";
    }

    /** Makes the cell directory {@code cell} in {@code scratch} (and in {@code scratch2} when not null). */
    static CellDirs fresh(Posix.Dir scratch, Posix.Dir scratch2, String cell) throws IOException {
        Posix.Dir one = make(scratch, cell);
        try {
            return new CellDirs(one.path(), one, scratch2 == null ? null : scratch2.path().resolve(cell),
                    scratch2 == null ? null : make(scratch2, cell));
        } catch (IOException | RuntimeException e) {
            one.close();
            throw e;
        }
    }

    /** A cell directory that exists (a seeded fixture's). */
    static CellDirs existing(Path cellRoot) {
        return new CellDirs(cellRoot, Posix.get().openDir(cellRoot), null, null);
    }

    Path root() {
        return root;
    }

    Path root2() {
        return root2;
    }

    /**
     * Where the probe observes {@code path}: relative to the cell directory that holds it. Fixture
     * paths are the cell directory resolved with plain names, so the name is the rest of the string
     * (Path.startsWith and relativize were a quarter of the probe's own time per cell).
     */
    Place place(Path path) {
        String p = path.toString();
        if (p.startsWith(prefix) && p.length() > prefix.length()) {
            return new Place(dir, p.substring(prefix.length()));
        }
        if (prefix2 != null && p.startsWith(prefix2) && p.length() > prefix2.length()) {
            return new Place(dir2, p.substring(prefix2.length()));
        }
        return Place.of(path);
    }

    @Override
    public void mkdir(Path path) throws IOException {
        Place p = place(path);
        check(Posix.get().mkdir(p.dir(), p.name()), "mkdir", path);
    }

    @Override
    public void createFile(Path file, String data) throws IOException {
        Place p = place(file);
        check(Posix.get().createFile(p.dir(), p.name(), data.getBytes(StandardCharsets.UTF_8)), "create", file);
    }

    @Override
    public void symlink(Path link, String target) throws IOException {
        Place p = place(link);
        check(Posix.get().symlink(target, p.dir(), p.name()), "symlink", link);
    }

    @Override
    public void close() {
        if (dir2 != null) {
            dir2.close();
        }
        dir.close();
    }

    private static Posix.Dir make(Posix.Dir scratch, String cell) throws IOException {
        check(Posix.get().mkdir(scratch, cell), "mkdir", scratch.path().resolve(cell));
        return Posix.get().openDir(scratch, cell);
    }

    static void check(CallResult r, String call, Path path) throws IOException {
        if (!r.succeeded()) {
            throw new IOException(call + "(" + path + ") failed: " + r.errno().describe());
        }
    }
}
