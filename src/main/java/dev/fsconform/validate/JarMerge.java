package dev.fsconform.validate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Merges jars and class directories into one runnable jar, as the build's shade step does: the first
 * copy of a class wins, service files are concatenated, signatures and module descriptors are
 * dropped (a merged jar is neither signed nor one module). The result is cached under a name made of
 * the inputs' paths, sizes and times, so it is built once per set of inputs.
 */
final class JarMerge {
    static final String MAIN_CLASS = "dev.fsconform.cli.Main";
    private static final int KEPT = 4;

    private JarMerge() {
    }

    static Path cached(List<Path> parts, Path cacheDir) throws IOException {
        Files.createDirectories(cacheDir);
        Path target = cacheDir.resolve("probe-" + key(parts) + ".jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tmp = Files.createTempFile(cacheDir, ".probe-", ".jar");
        try {
            write(parts, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        prune(cacheDir, target);
        return target;
    }

    static void write(List<Path> parts, Path out) throws IOException {
        Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        boolean multiRelease = false;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Path part : parts) {
            if (Files.isDirectory(part)) {
                try (Stream<Path> files = Files.walk(part)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        add(part.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f), entries, services, seen);
                    }
                }
                continue;
            }
            try (JarFile jar = new JarFile(part.toFile())) {
                Manifest m = jar.getManifest();
                multiRelease |= m != null && "true".equalsIgnoreCase(m.getMainAttributes().getValue("Multi-Release"));
                for (JarEntry e : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        add(e.getName(), in.readAllBytes(), entries, services, seen);
                    }
                }
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN_CLASS);
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        try (OutputStream os = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(os, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(jar, e.getKey(), e.getValue());
            }
            for (Map.Entry<String, ByteArrayOutputStream> e : services.entrySet()) {
                put(jar, e.getKey(), e.getValue().toByteArray());
            }
        }
    }

    private static void add(String name, byte[] data, Map<String, byte[]> entries, Map<String, ByteArrayOutputStream> services,
                            Set<String> seen) throws IOException {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("META-INF/MANIFEST.MF") || upper.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")
                || name.endsWith("module-info.class")) {
            return;
        }
        if (name.startsWith("META-INF/services/")) {
            ByteArrayOutputStream b = services.computeIfAbsent(name, k -> new ByteArrayOutputStream());
            b.write(data);
            b.write('\n');
            return;
        }
        if (seen.add(name)) {
            entries.put(name, data);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] data) throws IOException {
        JarEntry e = new JarEntry(name);
        e.setTime(0);
        jar.putNextEntry(e);
        jar.write(data);
        jar.closeEntry();
    }

    private static String key(List<Path> parts) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Path p : parts) {
                try (Stream<Path> files = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        d.update((f + "\0" + Files.size(f) + "\0" + Files.getLastModifiedTime(f).toMillis() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the newest few assembled jars: each build of a project makes another. */
    private static void prune(Path cacheDir, Path keep) {
        try (Stream<Path> jars = Files.list(cacheDir)) {
            List<Path> old = jars.filter(p -> p.getFileName().toString().matches("probe-[0-9a-f]{16}\\.jar") && !p.equals(keep))
                    .sorted(Comparator.comparing(JarMerge::modified).reversed()).skip(KEPT - 1).toList();
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A cache that cannot be tidied still works.
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
