package dev.fsconform.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what an earlier run left when it could not clean up (SIGKILL, power loss): only marked run
 * directories whose owner is gone, and only things tied to them by path: processes naming them,
 * mounts below them, loop devices backed by files below them.
 */
public final class Reaper {
    private Reaper() {
    }

    /** Reaps stale run directories under each parent; returns one line per directory removed or kept. */
    static List<String> reap(Collection<Path> parents, Path log, Children children) {
        List<String> report = new ArrayList<>();
        for (Path parent : parents) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            List<Path> stale;
            try (Stream<Path> entries = Files.list(parent)) {
                stale = entries.filter(RunDir::stale).toList();
            } catch (IOException e) {
                continue;
            }
            for (Path d : stale) {
                report.add(reapOne(d, log, children));
            }
        }
        return report;
    }

    private static String reapOne(Path dir, Path log, Children children) {
        int killed = killProcessesNaming(dir);
        List<Path> mounts = HostMounts.below(dir);
        Deadline deadline = Deadline.in(30);
        try {
            for (Path mp : mounts) {
                // umount(8), lazily: a busy mount must not stop the rest of the clean-up.
                Exec.run(List.of(Tool.UMOUNT.path(), "-l", mp.toString()), log, deadline, children);
            }
            // Namespaces die a moment after their processes; autoclear usually detaches the loops then.
            List<LoopDevices.Loop> loops = LoopDevices.awaitDetached(dir, killed > 0 || !mounts.isEmpty() ? 3000 : 200);
            for (LoopDevices.Loop l : loops) {
                LoopDevices.detach(l, deadline, log, children);
            }
            if (!HostMounts.below(dir).isEmpty()) {
                return "kept " + dir + ": still mounted below it";
            }
            RunDir.deleteTree(dir);
            return "removed " + dir + describe(killed, mounts.size(), loops.size());
        } catch (IOException | EnvFailure | RuntimeException e) {
            return "could not remove " + dir + ": " + e.getMessage();
        }
    }

    private static String describe(int processes, int mounts, int loops) {
        List<String> what = new ArrayList<>();
        if (processes > 0) {
            what.add(processes + " process(es)");
        }
        if (mounts > 0) {
            what.add(mounts + " mount(s)");
        }
        if (loops > 0) {
            what.add(loops + " loop device(s)");
        }
        return what.isEmpty() ? "" : " (and " + String.join(", ", what) + ")";
    }

    /**
     * SIGKILLs processes whose command line names something below {@code dir} (they can only be ours), and
     * what they started: an image build's {@code flock} or {@code docker build} does not name the directory.
     */
    public static int killProcessesNaming(Path dir) {
        String needle = dir + "/";
        long self = ProcessHandle.current().pid();
        int n = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                if (cmdline(p).contains(needle)) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(h -> {
                        h.descendants().forEach(ProcessHandle::destroyForcibly);
                        h.destroyForcibly();
                    });
                    n++;
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
