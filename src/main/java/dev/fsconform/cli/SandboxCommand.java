package dev.fsconform.cli;

import dev.fsconform.sandbox.LandlockPolicy;
import dev.fsconform.sandbox.SandboxException;
import dev.fsconform.sandbox.SandboxExec;
import dev.fsconform.sandbox.Seccomp;
import dev.fsconform.sandbox.SeccompPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fsconform sandbox [--landlock POLICY] [--rw DIR]... [--seccomp POLICY] -- COMMAND [ARG...]}:
 * applies the sandbox to this process and execs COMMAND in it. Exit statuses follow env(1):
 * 2 bad usage, 125 sandbox could not be applied, 126 COMMAND could not be executed, 127 not found.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Run COMMAND under a Landlock and/or seccomp sandbox applied to this process.")
public final class SandboxCommand implements Callable<Integer> {
    static final int USAGE = 2;
    static final int SETUP_FAILED = 125;
    static final int CANNOT_EXECUTE = 126;
    static final int NOT_FOUND = 127;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The preset names, as the policies themselves list them. */
    public static final class LandlockPresets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return LandlockPolicy.presets().iterator();
        }
    }

    public static final class SeccompPresets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SeccompPolicy.presets().iterator();
        }
    }

    @Option(names = "--landlock", paramLabel = "POLICY", completionCandidates = LandlockPresets.class,
            description = "Landlock policy: ${COMPLETION-CANDIDATES}.")
    String landlock;

    @Option(names = "--rw", paramLabel = "DIR", description = "Writable directory for the Landlock policy (repeatable).")
    List<Path> rwDirs = new ArrayList<>();

    @Option(names = "--seccomp", paramLabel = "POLICY", completionCandidates = SeccompPresets.class,
            description = "Seccomp policy: ${COMPLETION-CANDIDATES}, or SYSCALL=ERRNO[,SYSCALL=ERRNO].")
    String seccomp;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    /**
     * Bad command-line syntax as one line and status 2, instead of picocli's usage dump. Install it
     * on the root CommandLine: picocli uses the root's handler for subcommands too.
     */
    public static final CommandLine.IParameterExceptionHandler ONE_LINE_ERRORS = (ex, args) -> {
        ex.getCommandLine().getErr().println(prefix(ex.getCommandLine()) + Errors.oneLine(ex.getMessage()));
        return USAGE;
    };

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String prefix = prefix(spec.commandLine());
        try {
            if (command.isEmpty()) {
                return fail(err, prefix, USAGE, "no COMMAND given (usage: sandbox [options] -- COMMAND [ARG...])");
            }
            if (landlock == null && !rwDirs.isEmpty()) {
                return fail(err, prefix, USAGE, "--rw needs --landlock POLICY");
            }
            for (Path dir : rwDirs) {
                if (!Files.isDirectory(dir)) {
                    return fail(err, prefix, USAGE, "--rw " + dir + " is not an existing directory");
                }
            }
            LandlockPolicy ll = landlock == null ? null : LandlockPolicy.parse(landlock, rwDirs);
            SeccompPolicy sc = seccomp == null ? null : SeccompPolicy.parse(seccomp);
            if (sc != null) {
                for (String note : Seccomp.notes(sc)) {
                    err.println(prefix + "note: " + note);
                }
            }
            err.flush();
            SandboxExec.execUnder(ll, sc, command);
            // execUnder returns only by throwing; the compiler cannot know that.
            return fail(err, prefix, CANNOT_EXECUTE, "execve returned without an error");
        } catch (IllegalArgumentException e) {
            return fail(err, prefix, USAGE, e.getMessage());
        } catch (SandboxException e) {
            int status = switch (e.kind()) {
                case SETUP -> SETUP_FAILED;
                case NOT_FOUND -> NOT_FOUND;
                case EXEC -> CANNOT_EXECUTE;
            };
            return fail(err, prefix, status, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return fail(err, prefix, SETUP_FAILED, "internal error: " + e);
        }
    }

    /** Standalone entry point, mainly for tests and for running the probe jar without the main command. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SandboxCommand()).setParameterExceptionHandler(ONE_LINE_ERRORS).execute(args));
    }

    private static int fail(PrintWriter err, String prefix, int status, String message) {
        err.println(prefix + message);
        err.flush();
        return status;
    }

    private static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName() + ": ";
    }
}
