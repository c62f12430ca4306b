package dev.fsconform.probe;

import dev.fsconform.sys.Posix;
import java.nio.file.Path;

/** A path as the probe observes it: a name relative to a directory it holds open, or a whole path. */
record Place(Posix.Dir dir, String name) {
    static Place of(Path path) {
        return new Place(Posix.get().cwd(), path.toString());
    }

    Path path() {
        return dir.path() == null ? Path.of(name) : dir.path().resolve(name);
    }

    Place parent() {
        int slash = name.lastIndexOf('/');
        return slash > 0 ? new Place(dir, name.substring(0, slash)) : of(path().getParent());
    }
}
