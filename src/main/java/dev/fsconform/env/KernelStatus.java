package dev.fsconform.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the current kernel guest is doing, printed every few seconds while it works, so minutes of
 * emulation never look like a hang: {@code kernel 2/4 6.1: environment 3/16 (ext4 done), 74 s}.
 * While a guest runs, its phase is read from its console (boot milestones) and from its host lab's
 * progress lines in the results share.
 */
final class KernelStatus implements AutoCloseable {
    private static final Pattern HEADER = Pattern.compile("^fsconform matrix: (\\d+) environment");
    private static final Pattern DONE = Pattern.compile("^\\[\\s*(\\d+)/(\\d+)\\] (\\S+)\\s+(\\S+)");
    private final int total;
    private final Consumer<String> out;
    private final ScheduledExecutorService timer;
    private volatile int index;
    private volatile String kernel = "";
    private volatile String phase = "";
    private volatile long since = System.nanoTime();
    private volatile Path share;

    KernelStatus(int total, Consumer<String> out, int everySeconds) {
        this.total = total;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fsconform-kernel-status");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::print, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    void start(int index, String kernel) {
        this.index = index;
        this.kernel = kernel;
        this.since = System.nanoTime();
        set("fetching");
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
                List<String> lines = Files.readAllLines(console, java.nio.charset.StandardCharsets.ISO_8859_1);
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

    private void print() {
        if (kernel.isEmpty()) {
            return;
        }
        out.accept(String.format("kernel %d/%d %s: %s, %d s", index, total, kernel, phase(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since)));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
