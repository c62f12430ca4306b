package dev.fsconform.junit;

import java.nio.file.Path;

/** The override-file reader ({@link Declared}) for the fuzz targets of another package: tests only. */
public final class DeclaredReader {
    private DeclaredReader() {
    }

    /** Loads the file and matches every recorded cell against it, as a JUnit run would. */
    public static int load(Path file, java.util.List<dev.fsconform.result.Observation> cells) {
        Declared d = Declared.load(file);
        return (int) cells.stream().filter(o -> d.covering(o).isPresent()).count();
    }
}
