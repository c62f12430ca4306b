package dev.fsconform.sandbox;

import dev.fsconform.sandbox.SandboxException.Kind;
import dev.fsconform.sys.CallResult;
import dev.fsconform.sys.NativeUnavailableException;
import dev.fsconform.sys.Posix;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Apply a sandbox, then become the command. Landlock domains and seccomp filters survive execve,
 * so a parent can sandbox a probe that knows nothing about it. Landlock restricts only the calling
 * thread, which is enough: execve ends every other JVM thread.
 */
public final class SandboxExec {
    /** execvp's default search path when PATH is unset (glibc _CS_PATH). */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private SandboxExec() {
    }

    /**
     * Never returns normally: either the process image is replaced by {@code command}, or it throws.
     * Either policy may be null. Kind NOT_FOUND and SETUP mean nothing was applied or executed;
     * SETUP after Landlock succeeded leaves this thread restricted.
     */
    public static void execUnder(LandlockPolicy landlockOrNull, SeccompPolicy seccompOrNull, List<String> command)
            throws SandboxException {
        if (command.isEmpty()) {
            throw new SandboxException(Kind.SETUP, "no command to run");
        }
        Path program = resolve(command.get(0), System.getenv("PATH"));
        // Everything native is prepared before restricting, so the sandbox cannot make setup fail.
        Posix posix;
        try {
            posix = Posix.get();
        } catch (NativeUnavailableException e) {
            throw new SandboxException(Kind.SETUP, e.getMessage());
        }
        Posix.Exec exec = posix.prepareExec(program, command, environment());
        System.out.flush();
        System.err.flush();
        if (landlockOrNull != null) {
            Landlock.restrictSelf(landlockOrNull);
        }
        if (seccompOrNull != null) {
            Seccomp.install(seccompOrNull);
        }
        SandboxException.check(posix.unblockAllSignals(), "sigprocmask(SIG_SETMASK, {})");
        markDescriptorsCloseOnExec(posix);
        CallResult failed = posix.execve(exec);
        throw new SandboxException(Kind.EXEC, "execve(" + program + "): " + failed.errno().describe());
    }

    /** Like execvp: a name with a slash is used as is, otherwise the first executable file on PATH. */
    public static Path resolve(String name, String pathVariable) throws SandboxException {
        if (name.isEmpty()) {
            throw new SandboxException(Kind.NOT_FOUND, "empty command name");
        }
        if (name.contains("/")) {
            Path p = Path.of(name);
            if (!Files.exists(p)) {
                throw new SandboxException(Kind.NOT_FOUND, name + ": no such file");
            }
            return p;
        }
        String search = pathVariable == null ? DEFAULT_PATH : pathVariable;
        for (String dir : search.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new SandboxException(Kind.NOT_FOUND, name + ": command not found on PATH=" + search);
    }

    private static List<String> environment() {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        return env;
    }

    /** The JVM opens jars and more without O_CLOEXEC; the command must not inherit them. */
    private static void markDescriptorsCloseOnExec(Posix posix) throws SandboxException {
        if (posix.closeOnExecFrom(3).succeeded()) {
            return;
        }
        // close_range's CLOEXEC flag needs Linux 5.11; seccomp-only sandboxes may run on older kernels.
        List<Integer> fds = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : dir) {
                fds.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            throw new SandboxException(Kind.SETUP, "listing /proc/self/fd to set FD_CLOEXEC: " + e.getMessage());
        }
        for (int fd : fds) {
            // The directory stream's own descriptor is already closed: EBADF for it is expected.
            if (fd > 2) {
                posix.setCloseOnExec(fd);
            }
        }
    }
}
