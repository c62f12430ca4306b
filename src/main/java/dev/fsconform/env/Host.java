package dev.fsconform.env;

import dev.fsconform.sys.Posix;
import dev.fsconform.sys.ProcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What this machine offers the lab, read once per run: privileges, kernel filesystems, Landlock ABI,
 * and whether unprivileged user namespaces work.
 */
record Host(boolean root, String kernel, int landlockAbi, boolean seccomp, Set<String> filesystems,
            boolean userNamespaces, int cores, Map<String, String> overlayDefaults) {

    /** A detection started ahead of need ({@link #detectAhead}), taken by the next {@link #detect}. */
    private static final AtomicReference<FutureTask<Host>> AHEAD = new AtomicReference<>();

    static Host detect() {
        FutureTask<Host> ahead = AHEAD.getAndSet(null);
        if (ahead == null) {
            return detectNow();
        }
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return detectNow();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Starts the detection on a thread of its own, for a caller that reads its catalogues meanwhile:
     * jnr-ffi's loading and the user-namespace child are seconds in an emulated kernel guest.
     */
    static void detectAhead() {
        FutureTask<Host> task = new FutureTask<>(Host::detectNow);
        if (AHEAD.compareAndSet(null, task)) {
            Thread t = new Thread(task, "fsconform-host-detect");
            t.setDaemon(true);
            t.start();
        }
    }

    private static Host detectNow() {
        Process userns = startUsernsCheck();
        return new Host(uid() == 0, System.getProperty("os.version"), landlock(), seccompSupported(),
                procFilesystems(), usernsWorked(userns), Runtime.getRuntime().availableProcessors(),
                moduleParameters("overlay"));
    }

    /**
     * A module's parameters: for overlay, the kernel's defaults for options a mount does not set
     * (redirect_dir, index, metacopy ...), which mountinfo does not show.
     */
    private static Map<String, String> moduleParameters(String module) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> params = Files.list(Path.of("/sys/module", module, "parameters"))) {
            for (Path p : (Iterable<Path>) params::iterator) {
                try {
                    out.put(p.getFileName().toString(), Files.readString(p).strip());
                } catch (IOException unreadable) {
                    // Some parameters are root-only; the others still tell the defaults.
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return Map.copyOf(out);
    }

    /**
     * A filesystem is available when the kernel lists it (now: a kernel guest loads modules while
     * its lab runs) or has a module that mount can load.
     */
    boolean hasFilesystem(String fs) {
        return filesystems.contains(fs) || procFilesystems().contains(fs) || moduleExists(fs);
    }

    private static boolean moduleExists(String fs) {
        try {
            return Files.readAllLines(Path.of("/lib/modules", System.getProperty("os.version"), "modules.dep")).stream()
                    .map(l -> l.substring(0, Math.max(l.indexOf(':'), 0)))
                    .anyMatch(m -> m.endsWith("/" + fs + ".ko") || m.matches(".*/" + fs + "\\.ko\\.(xz|zst|gz)"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int uid() {
        return ProcStatus.self().numberOr("Uid");
    }

    private static int landlock() {
        try {
            return Posix.get().landlockAbi().recorded();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static boolean seccompSupported() {
        return ProcStatus.self().has("Seccomp");
    }

    /**
     * The kernel's filesystems as /proc/filesystems lists them now, by name, and those that need no
     * device also as "nodev NAME" (a guest's module gate tells block filesystems by it).
     */
    static Set<String> procFilesystems() {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream().map(String::strip)
                    .flatMap(l -> {
                        String name = l.substring(l.lastIndexOf('\t') + 1).replaceFirst("^nodev\\s+", "");
                        return l.startsWith("nodev") ? Stream.of(name, "nodev " + name) : Stream.of(name);
                    })
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * Tried, not guessed from sysctls: distributions gate user namespaces in different ways. Started
     * first and awaited last, so the child runs while the rest is read.
     */
    private static Process startUsernsCheck() {
        return Tool.UNSHARE.locate().map(u -> {
            try {
                return new ProcessBuilder(List.of(u.toString(), "--user", "--map-root-user", "--mount", "true"))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                return null;
            }
        }).orElse(null);
    }

    private static boolean usernsWorked(Process p) {
        if (p == null) {
            return false;
        }
        try {
            if (p.waitFor(10, TimeUnit.SECONDS)) {
                return p.exitValue() == 0;
            }
            p.destroyForcibly();
            return false;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
