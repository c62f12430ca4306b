package dev.fsconform.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one kernel's guest is doing, for the progress lines a {@link KernelBoard} prints every few
 * seconds, so minutes of emulation never look like a hang: {@code kernel 2/4 6.1: environment 3/16
 * (ext4 done), 74 s}. While the guest runs, its phase is read from its console (boot milestones) and
 * from its host lab's progress lines in the results share.
 */
final class KernelStatus {
    private static final Pattern HEADER = Pattern.compile("^fsconform matrix: (\\d+) environment");
    private static final Pattern DONE = Pattern.compile("^\\[\\s*(\\d+)/(\\d+)\\] (\\S+)\\s+(\\S+)");
    private final int index;
    private final int total;
    private final String kernel;
    private final Consumer<String> out;
    private final long since = System.nanoTime();
    private volatile String phase = "";
    private volatile Path share;

    KernelStatus(int index, int total, String kernel, Consumer<String> out) {
        this.index = index;
        this.total = total;
        this.kernel = kernel;
        this.out = out;
    }

    /** A new phase, printed at once. */
    void set(String phase) {
        this.phase = phase;
        print();
    }

    void watch(Path share) {
        this.share = share;
        set("booting");
    }

    void unwatch() {
        this.share = null;
    }

    long seconds() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    /** The phase as of now, for the progress line and for a timeout's reason. */
    String phase() {
        Path s = share;
        if (s == null) {
            return phase;
        }
        try {
            Path progress = s.resolve("progress.log");
            if (Files.isRegularFile(progress)) {
                String last = null;
                for (String l : Files.readAllLines(progress)) {
                    Matcher h = HEADER.matcher(l);
                    if (h.find()) {
                        last = "environment 1/" + h.group(1);
                    }
                    Matcher m = DONE.matcher(l);
                    if (m.find()) {
                        last = "environment " + (Integer.parseInt(m.group(1)) + 1) + "/" + m.group(2) + " (" + m.group(3)
                                + " " + m.group(4) + ")";
                        if (m.group(1).equals(m.group(2))) {
                            last = "all " + m.group(2) + " environments done, powering off";
                        }
                    }
                }
                if (last != null) {
                    return last;
                }
            }
            Path console = s.resolve("console.log");
            if (Files.isRegularFile(console)) {
                List<String> lines = Files.readAllLines(console, StandardCharsets.ISO_8859_1);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    String l = lines.get(i);
                    if (l.contains("fsconform-guest: host lab starting")) {
                        return "starting the host lab";
                    }
                    if (l.contains("fsconform-guest: root ready")) {
                        return "booted, starting Java";
                    }
                    if (l.contains("fsconform-guest: init")) {
                        return "booting (loading modules)";
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return phase;
        }
        return phase;
    }

    void print() {
        out.accept(String.format("kernel %d/%d %s: %s, %d s", index, total, kernel, phase(), seconds()));
    }
}
