package dev.fsconform.cli;

import dev.fsconform.input.Quote;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The host lab's matrix as a kernel guest starts it: {@code java -cp fsconform.jar dev.fsconform.cli.GuestMatrix
 * --only ... --out DIR --work-dir DIR ...}. The host writes that command line, so it is read strictly: some of
 * {@code matrix}'s options by their own names, each at most once, a value after each valued one, no containers and
 * no kernels; anything else is a one-line error and exit 2. Of the environments file, which the host read and
 * checked whole, only the environments --only picks are bound. The values go into {@link MatrixCommand}'s fields, whose
 * options say what each means, and its run is the one {@code fsconform matrix} has. Picocli is left out: building
 * its model of the command (reflection over every option, a proxy per annotation) costs seconds under emulation.
 */
final class GuestMatrix {
    static final List<String> FLAGS = List.of("--json-only", "--probe-threads");
    static final List<String> VALUED = List.of("--only", "--apps", "--environments", "--out", "--work-dir", "--stream-to",
            "--after", "--jobs");
    /** The ones whose picocli defaults this reader does not repeat, and the selection. */
    static final List<String> REQUIRED = List.of("--only", "--out", "--work-dir");

    private GuestMatrix() {
    }

    public static void main(String[] args) {
        Startup.begin("matrix");
        System.exit(run(args));
    }

    static int run(String... args) {
        try {
            return parse(args).call();
        } catch (Exception e) {
            System.err.println("fsconform: " + Errors.oneLine(e));
            return Errors.exitCode(e);
        }
    }

    static MatrixCommand parse(String... args) {
        MatrixCommand c = new MatrixCommand();
        c.noDocker = true;
        c.kernels = "none";
        c.pickedOnly = true;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!FLAGS.contains(name) && !VALUED.contains(name)) {
                throw new UsageException("guest matrix: unexpected argument " + Quote.of(name) + " (it takes "
                        + String.join(", ", FLAGS) + ", " + String.join(", ", VALUED) + ")");
            }
            if (!seen.add(name)) {
                throw new UsageException("guest matrix: " + name + " is given twice");
            }
            if (FLAGS.contains(name)) {
                flag(c, name);
            } else if (i + 1 == args.length || args[i + 1].isEmpty() || args[i + 1].startsWith("--")) {
                throw new UsageException("guest matrix: " + name + " needs a value");
            } else {
                value(c, name, args[++i]);
            }
        }
        for (String r : REQUIRED) {
            if (!seen.contains(r)) {
                throw new UsageException("guest matrix: " + r + " is missing");
            }
        }
        return c;
    }

    private static void flag(MatrixCommand c, String name) {
        switch (name) {
            case "--json-only" -> c.jsonOnly = true;
            case "--probe-threads" -> c.probeThreads = true;
            default -> throw new IllegalStateException("no flag " + name);
        }
    }

    private static void value(MatrixCommand c, String name, String v) {
        switch (name) {
            case "--only" -> c.only = v;
            case "--apps" -> c.apps = v;
            case "--environments" -> c.environments = path(name, v);
            case "--out" -> c.out = path(name, v);
            case "--work-dir" -> c.workDir = path(name, v);
            case "--stream-to" -> c.streamTo = path(name, v);
            case "--after" -> c.after = path(name, v);
            case "--jobs" -> c.jobs = jobs(v);
            default -> throw new IllegalStateException("no option " + name);
        }
    }

    private static Path path(String name, String v) {
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException("guest matrix: " + name + " " + Quote.of(v) + " is not a path");
        }
    }

    private static int jobs(String v) {
        if (!v.matches("[0-9]{1,4}")) {
            throw new UsageException("guest matrix: --jobs " + Quote.of(v) + " is not a whole number");
        }
        return Integer.parseInt(v);
    }
}
