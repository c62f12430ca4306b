package dev.fsconform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Checks a directory argument up front so a bad one is one clear line, before anything is written. */
final class Dirs {
    private Dirs() {
    }

    static Path writableDir(Path dir, String what) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new UsageException(what + " " + abs + " does not exist");
        }
        if (!Files.isDirectory(abs)) {
            throw new UsageException(what + " " + abs + " is not a directory");
        }
        try {
            Path probe = Files.createTempDirectory(abs, ".fsconform-check-");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UsageException(what + " " + abs + " is not writable (" + reason(e) + ")");
        }
        return abs;
    }

    /**
     * An output directory, created if missing and checked writable before any work starts, so that a run
     * never ends with its results unwritable.
     */
    static Path outputDir(Path dir, String what) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(abs)) {
            throw new UsageException(what + " " + abs + " is not a directory");
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UsageException(what + " " + abs + " cannot be created (" + reason(e) + ")");
        }
        return writableDir(abs, what);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the filesystem refuses to create it: no such file or directory";
        }
        String r = e instanceof java.nio.file.FileSystemException ? ((java.nio.file.FileSystemException) e).getReason() : null;
        return r != null ? r : e.getClass().getSimpleName();
    }
}
