package dev.fsconform.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /proc/[self|thread-self]/status, parsed once into "Key: value" fields. A field the kernel (or a
 * sandbox's own /proc, such as gVisor's) does not write, or writes garbled, reads as unknown: -1 for
 * numbers, {@link #UNKNOWN} for text, empty for the optional forms.
 *
 * @param unreadable null when a file was read, else why none could be
 */
public record ProcStatus(Map<String, String> fields, String unreadable) {
    public static final String UNKNOWN = "unknown";

    public ProcStatus {
        fields = Map.copyOf(fields);
    }

    /** The main thread's status (uid, capabilities): the same for every thread of the JVM. */
    public static ProcStatus self() {
        return read(List.of(Path.of("/proc/self/status")));
    }

    /**
     * The calling thread's status: no_new_privs and seccomp filters are per thread. Falls back to
     * /proc/self when /proc/thread-self is missing (Linux before 3.17).
     */
    public static ProcStatus thread() {
        return read(List.of(Path.of("/proc/thread-self/status"), Path.of("/proc/self/status")));
    }

    static ProcStatus read(List<Path> files) {
        String why = "no status file";
        for (Path file : files) {
            try {
                return parse(Files.readAllLines(file));
            } catch (IOException | RuntimeException e) {
                why = file + ": " + e.getMessage();
            }
        }
        return new ProcStatus(Map.of(), why);
    }

    /** Never throws: a line without a colon is dropped, the first of duplicated keys wins. */
    public static ProcStatus parse(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line == null ? -1 : line.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return new ProcStatus(out, null);
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The field's text, or {@link #UNKNOWN}. */
    public String text(String key) {
        String v = fields.get(key);
        return v == null || v.isEmpty() ? UNKNOWN : v;
    }

    /** The field's first number ("Uid: 0 0 0 0" gives the real uid), or empty. */
    public Optional<Integer> number(String key) {
        String v = fields.get(key);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(v.split("\\s+")[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@link #number}, or -1 when unknown. */
    public int numberOr(String key) {
        return number(key).orElse(-1);
    }

    /** A 0/1 flag such as NoNewPrivs; empty when unknown or neither. */
    public Optional<Boolean> flag(String key) {
        return number(key).filter(n -> n == 0 || n == 1).map(n -> n == 1);
    }
}
