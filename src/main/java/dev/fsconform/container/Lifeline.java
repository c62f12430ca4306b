package dev.fsconform.container;

import dev.fsconform.env.EnvFailure;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A command in a container that cannot outlive this JVM: it is killed when a FIFO, which only this JVM
 * holds open for writing, reads EOF, as it does the moment the JVM ends, SIGKILL included; with it the
 * container's first process exits, the kernel ends the rest of its processes and the engine removes it.
 * The command runs at this JVM's nice level (a container does not inherit it) and its container gets the
 * CPU weight that goes with it. Its output, the FIFO and its exit status are files of a directory that
 * is bound into the container at its own path.
 */
final class Lifeline {
    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * $1 the FIFO this JVM holds, $2 the file for the exit status, $3 standard output, $4 standard error,
     * $5 the nice level, then the command.
     */
    private static final String COMMAND = String.join("\n",
            "exec >>\"$3\" 2>>\"$4\"",
            "exec 3<\"$1\"",
            "exit_file=$2 level=$5; shift 5",
            "nice -n \"$level\" \"$@\" & q=$!",
            "{ cat <&3 >/dev/null; kill -9 $q; } 2>/dev/null &",
            "wait $q; rc=$?",
            "echo $rc >\"$exit_file\"",
            "exit $rc");

    private Lifeline() {
    }

    /**
     * Runs {@code argv} in a container of {@code spec} (its image, labels, binds, network, user; its
     * command and entrypoint are set here) until it exits; past {@code limit} it is removed and this
     * throws a TIMEOUT failure.
     *
     * @param name the FIFO and the exit status are {@code NAME.lifeline} and {@code NAME.exit} in {@code dir}
     * @param what names the container in an error ("the kernel's container")
     * @return the command's exit code, -1 when it left none
     */
    @SuppressWarnings("try")
    static int run(EngineApi api, Cleanup cleanup, ContainerSpec spec, List<String> argv, Path dir, String name, Path stdout,
                   Path stderr, Duration limit, String what) throws IOException, EnvFailure {
        Path lifeline = dir.resolve(name + ".lifeline");
        Path exit = dir.resolve(name + ".exit");
        Files.deleteIfExists(exit);
        Files.deleteIfExists(lifeline);
        mkfifo(lifeline);
        int nice = niceLevel();
        List<String> cmd = new ArrayList<>(List.of(lifeline.toString(), exit.toString(), stdout.toString(), stderr.toString(),
                String.valueOf(nice)));
        cmd.addAll(argv);
        List<String> binds = new ArrayList<>(spec.binds());
        binds.add(dir + ":" + dir);
        ContainerSpec s = ContainerSpec.of(spec.image(), cmd, spec.labels()).withEntrypoint(List.of("/bin/sh", "-c", COMMAND,
                "fsconform-lifeline")).withBinds(binds).withPrivilege(spec.privilege()).withNetwork(spec.network())
                .withUser(spec.user()).withCpuShares(nice == 0 ? null : cpuShares(nice));
        // Opened for reading and writing: no wait for a reader, and the container's read sees EOF once this JVM is gone.
        try (RandomAccessFile held = new RandomAccessFile(lifeline.toFile(), "rw")) {
            String id = null;
            try {
                id = api.create(s);
                cleanup.container(id);
                api.start(id);
                long deadline = System.nanoTime() + limit.toNanos();
                while (api.running(id)) {
                    if (System.nanoTime() > deadline) {
                        throw EnvFailure.timeout("timed out after " + limit.toSeconds() + " s");
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } catch (EngineException e) {
                throw EnvFailure.setupError("cannot start " + what + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EnvFailure.setupError("interrupted");
            } finally {
                if (id != null) {
                    cleanup.removeContainer(id);
                }
            }
        } finally {
            Files.deleteIfExists(lifeline);
        }
        if (!Files.isRegularFile(exit)) {
            return -1;
        }
        try {
            return Integer.parseInt(Files.readString(exit).strip());
        } catch (NumberFormatException e) {
            return -1;
        } finally {
            Files.deleteIfExists(exit);
        }
    }

    private static void mkfifo(Path p) throws IOException, EnvFailure {
        try {
            Process mk = new ProcessBuilder("mkfifo", "-m", "600", p.toString()).redirectErrorStream(true).start();
            String out = new String(mk.getInputStream().readAllBytes()).strip();
            if (mk.waitFor() != 0) {
                throw EnvFailure.setupError("cannot make the container's lifeline " + p + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EnvFailure.setupError("interrupted");
        }
    }

    /**
     * The CPU weight the scheduler gives a process at {@code nice} (its table sched_prio_to_weight, about
     * 1024 / 1.25^nice: 15 at 19): a container's group competes with the host's processes as one with its
     * weight, so nice inside it alone would leave the command as strong as a nice-0 process.
     */
    static int cpuShares(int nice) {
        return Math.max(2, (int) Math.round(1024 / Math.pow(1.25, Math.max(-20, Math.min(19, nice)))));
    }

    /** This JVM's nice level (field 19 of /proc/self/stat), 0 when it cannot be read. */
    static int niceLevel() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
