package dev.fsconform.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest's jar and archive cache, with a stand-in "java" that writes the class list and the
 * archive it is asked for (or fails) and counts the dumps: what is dumped when, what is reused, what
 * is pruned.
 */
class ClassArchiveTest {
    private static Launcher launcher(Path dir, String jarText, boolean dumps) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"17.0.0\"\n");
        Path java = bin.resolve("java");
        // One call counted per dump: the training run lists the classes, the second run dumps them.
        Files.writeString(java, "#!/bin/sh\n" + (dumps ? "for a; do case $a in\n"
                + "  -XX:DumpLoadedClassList=*) echo java/lang/Object > \"${a#*=}\";;\n"
                + "  -XX:SharedArchiveFile=*) echo x >> " + dir.resolve("calls") + "; echo archive > \"${a#*=}\";;\n"
                + "esac; done\n" : "echo x >> " + dir.resolve("calls") + "; exit 3\n"));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = dir.resolve("build/fsconform.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, jarText);
        return new Launcher(java, jar, Launcher.FAST_START);
    }

    private static int calls(Path dir) throws IOException {
        Path f = dir.resolve("calls");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void dumpsOnceThenReusesTheJarCopyAndArchive(@TempDir Path dir) throws Exception {
        Launcher l = launcher(dir, "jar one", true);
        Path cache = dir.resolve("cache");
        Path jar;
        try (ClassArchive a = ClassArchive.open(l, cache, new Children())) {
            assertTrue(a.how().startsWith("dumped"), a.how());
            jar = a.jar();
            assertEquals(jar.resolveSibling("fsconform.jsa"), a.archive());
        }
        assertEquals(cache, jar.getParent().getParent());
        assertEquals(Files.size(l.jar()), Files.size(jar));
        assertEquals(Files.getLastModifiedTime(l.jar()).toMillis() / 1000, Files.getLastModifiedTime(jar).toMillis() / 1000,
                "CDS checks the jar's time, in seconds");
        try (ClassArchive a = ClassArchive.open(l, cache, new Children())) {
            assertTrue(a.how().startsWith("cached"), a.how());
            assertEquals(jar, a.jar());
            assertEquals(jar.resolveSibling("fsconform.jsa"), a.archive());
        }
        assertEquals(1, calls(dir), "the second run dumps nothing");
    }

    @Test
    void anotherJarIsAnotherEntryAndOnlyTheLastFewAreKept(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        String before = null;
        for (int i = 0; i < 5; i++) {
            try (ClassArchive a = ClassArchive.open(launcher(dir, "jar " + i, true), cache, new Children())) {
                assertNotEquals(before, a.jar().toString());
                before = a.jar().toString();
            }
        }
        assertEquals(5, calls(dir));
        assertEquals(3, entries(cache).size());
        assertTrue(Files.exists(Path.of(before)), "the one used last is kept");
    }

    @Test
    void noEntryIsPrunedWhileARunUsesOne(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        try (ClassArchive held = ClassArchive.open(launcher(dir, "held", true), cache, new Children())) {
            for (int i = 0; i < 4; i++) {
                ClassArchive.open(launcher(dir, "jar " + i, true), cache, new Children()).close();
            }
            assertEquals(5, entries(cache).size());
            assertTrue(Files.isRegularFile(held.jar()));
        }
        ClassArchive.open(launcher(dir, "after", true), cache, new Children()).close();
        assertEquals(3, entries(cache).size());
    }

    @Test
    void aFailedDumpRunsWithoutAnArchiveAndIsTriedAgain(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        try (ClassArchive a = ClassArchive.open(launcher(dir, "jar", false), cache, new Children())) {
            assertTrue(a.how().startsWith("not dumped"), a.how());
            assertNull(a.archive());
            assertTrue(Files.isRegularFile(a.jar()));
        }
        try (ClassArchive a = ClassArchive.open(launcher(dir, "jar", true), cache, new Children())) {
            assertTrue(a.how().startsWith("dumped"), a.how());
        }
        assertEquals(2, calls(dir));
    }

    @Test
    void whatAKilledDumpLeftIsRemoved(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Launcher l = launcher(dir, "jar", true);
        Path left = Files.createDirectories(cache.resolve(ClassArchive.key(l)));
        Files.writeString(left.resolve("fsconform.jar"), "half a jar");
        Files.createDirectories(cache.resolve("0123456789abcdef/train"));
        try (ClassArchive a = ClassArchive.open(l, cache, new Children())) {
            assertTrue(a.how().startsWith("dumped"), a.how());
            assertEquals("jar", Files.readString(a.jar()));
        }
        assertEquals(List.of(left), entries(cache));
    }
}
