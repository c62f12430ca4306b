package dev.fsconform.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The fsconform command line. Bad input is one line on stderr and exit 2; never a stack trace. */
@Command(name = "fsconform", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Filesystem-semantics conformance: every rename variant, every environment, and why.")
public final class Main implements Runnable {
    static final int EXIT_USAGE = 2;

    /**
     * The subcommands, in the order the usage lists them. A command line naming one gets only that
     * one: picocli reads every registered command's annotations up front (a proxy class per
     * annotation type, an object per option), seconds in an emulated kernel guest.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("seed", SeedCommand::new);
        m.put("probe", ProbeCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("sandbox", SandboxCommand::new);
        m.put("grade", GradeCommand::new);
        m.put("report", ReportCommand::new);
        m.put("matrix", MatrixCommand::new);
        return m;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try --help)");
    }

    public static void main(String[] args) {
        Startup.begin(args.length > 0 ? args[0] : "");
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; used by tests too. */
    public static int execute(String... args) {
        // No @file expansion: `grade @x.json` would read a results file as arguments, quoting all of it back.
        CommandLine cl = new CommandLine(new Main());
        Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(named.get());
        } else {
            COMMANDS.values().forEach(c -> cl.addSubcommand(c.get()));
        }
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("fsconform: " + Errors.oneLine(ex.getMessage()));
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("fsconform: " + Errors.oneLine(ex));
            return Errors.exitCode(ex);
        });
        return cl.execute(args);
    }
}
