package dev.fsconform.probe;

import dev.fsconform.operation.Operation;
import dev.fsconform.pattern.Pattern;
import dev.fsconform.scenario.Catalogue;
import dev.fsconform.scenario.Fixture;
import dev.fsconform.scenario.Scenario;
import dev.fsconform.sys.NativeBootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The seeded tree: one fresh fixture per seeded scenario × operation, written ahead of time so that
 * it ends up in a lower layer or an image layer. A probe run consumes the fixtures it uses.
 */
public final class Seeds {
    public static final String DIR_NAME = "fsconform-seed";
    static final String MARKER = "SEED-V1";
    /** Why a seeded cell did not run: each seeded fixture serves one probe run. */
    static final String USED = "seed fixture already used by an earlier run (seeded fixtures serve one run each): "
            + "seed a fresh lower layer";

    private Seeds() {
    }

    /** Writes the seed tree into {@code dir}/fsconform-seed; returns the number of fixtures. */
    public static int write(Path dir) throws IOException {
        Path root = dir.resolve(DIR_NAME);
        if (Files.exists(root)) {
            throw new IOException(root + " already exists; seed into an empty directory");
        }
        Files.createDirectories(root);
        NativeBootstrap.prepare(root);
        int n = 0;
        for (Scenario s : Catalogue.scenarios()) {
            if (!s.seeded()) {
                continue;
            }
            for (Operation op : Operation.values()) {
                Path cell = Files.createDirectories(cellDir(root, s, op));
                try (CellDirs dirs = CellDirs.existing(cell)) {
                    Fixture.create(s, cell, null, tag(s, op), dirs);
                }
                n++;
            }
        }
        for (Pattern p : Pattern.values()) {
            if (p.needsSeed()) {
                Path fixture = patternDir(root, p);
                Files.createDirectories(fixture.resolve("a/toolchain"));
                Files.writeString(fixture.resolve("a/toolchain/bin"), "payload");
                Files.createDirectories(fixture.resolve("b"));
                n++;
            }
        }
        Files.writeString(root.resolve(MARKER), "fsconform seed tree, layout version 1\n");
        return n;
    }

    /** Whether a pattern's seeded fixture is still as {@link #write} left it. */
    static boolean patternAsWritten(Path fixture) {
        try (Stream<Path> b = Files.list(fixture.resolve("b"))) {
            return "payload".equals(Files.readString(fixture.resolve("a/toolchain/bin"))) && b.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static boolean present(Path root) {
        return root != null && Files.isRegularFile(root.resolve(MARKER));
    }

    static Path cellDir(Path root, Scenario s, Operation op) {
        return root.resolve(s.id()).resolve(op.id());
    }

    static Path patternDir(Path root, Pattern p) {
        return root.resolve("patterns").resolve(p.id());
    }

    static String tag(Scenario s, Operation op) {
        return s.id() + "/" + op.id();
    }
}
