package dev.fsconform.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** /proc/self/mountinfo, parsed: the only place that shows a mount's effective overlay options. */
record Mountinfo(List<Entry> entries) {

    record Entry(long id, String dev, String root, String mountPoint, String mountOptions, String fsType,
                 String source, String superOptions) {
    }

    static Mountinfo read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            return new Mountinfo(List.of());
        }
    }

    static Mountinfo parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int sep = List.of(f).indexOf("-");
            if (f.length < 10 || sep < 6 || sep + 3 >= f.length) {
                continue;
            }
            out.add(new Entry(Long.parseLong(f[0]), f[2], unescape(f[3]), unescape(f[4]), f[5], f[sep + 1],
                    unescape(f[sep + 2]), f[sep + 3]));
        }
        return new Mountinfo(List.copyOf(out));
    }

    Optional<Entry> byId(long id) {
        return entries.stream().filter(e -> e.id == id).findFirst();
    }

    /** The kernel escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException | StringIndexOutOfBoundsException ignored) {
                    // Not an escape after all: keep the backslash.
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
