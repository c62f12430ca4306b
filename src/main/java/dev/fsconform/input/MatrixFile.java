package dev.fsconform.input;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The text of one file of the repository's {@code matrix/} folder, and where it came from. Run from a
 * checkout (this code lies in CHECKOUT/target), the checkout's copy, so an edited catalogue counts without
 * a rebuild; anywhere else the copy bundled in the jar. Never the working directory: where fsconform is
 * started must not change what it runs.
 *
 * @param origin the file's path, or "bundled NAME"; error messages name it
 */
public record MatrixFile(String origin, String text) {
    private static final String RESOURCE = "/matrix/";

    /** {@code matrix/NAME} (NAME may hold a folder: {@code docker/x.json}), at most {@code maxBytes}. */
    public static MatrixFile standard(String name, long maxBytes) throws BoundedText.Unreadable {
        Optional<Path> local = checkout().map(c -> c.resolve("matrix").resolve(name)).filter(Files::isRegularFile);
        if (local.isPresent()) {
            return of(local.get(), maxBytes);
        }
        try (InputStream in = MatrixFile.class.getResourceAsStream(RESOURCE + name)) {
            if (in == null) {
                throw new BoundedText.Unreadable("this build has no bundled matrix/" + name);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new BoundedText.Unreadable("bundled matrix/" + name + " is larger than " + BoundedText.size(maxBytes));
            }
            return new MatrixFile("bundled " + name, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BoundedText.Unreadable("cannot read the bundled matrix/" + name + " (" + Quote.firstLine(e.getMessage()) + ")");
        }
    }

    /**
     * Copies the bundled scripts {@code names} (paths below matrix/, such as {@code docker/build-images.sh})
     * into {@code dir}, keeping their layout, executable: a script finds its neighbours as in the checkout.
     * Always the jar's copies, so that what runs is what this build was made with.
     */
    public static void extractScripts(Path dir, String... names) throws IOException {
        for (String s : names) {
            try (InputStream in = MatrixFile.class.getResourceAsStream(RESOURCE + s)) {
                if (in == null) {
                    throw new IOException("this build has no bundled matrix/" + s);
                }
                Path f = dir.resolve(s);
                Files.createDirectories(f.getParent());
                Files.copy(in, f);
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** A file the user named. */
    public static MatrixFile of(Path file, long maxBytes) throws BoundedText.Unreadable {
        return new MatrixFile(file.toString(), BoundedText.read(file, maxBytes));
    }

    /**
     * The checkout this build runs from: the jar or class folder is CHECKOUT/target/..., and CHECKOUT holds
     * pom.xml and matrix/. Empty for a jar installed anywhere else.
     */
    static Optional<Path> checkout() {
        try {
            Path self = Path.of(MatrixFile.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            Path target = self.getParent();
            Path root = target == null ? null : target.getParent();
            return root != null && target.getFileName().toString().equals("target") && Files.isRegularFile(root.resolve("pom.xml"))
                    && Files.isDirectory(root.resolve("matrix")) ? Optional.of(root) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
