package dev.fsconform.fuzz;

import dev.fsconform.container.ContainerCatalog;
import dev.fsconform.container.InvalidContainersException;
import dev.fsconform.env.EnvironmentCatalog;
import dev.fsconform.files.Trees;
import dev.fsconform.env.InvalidEnvironmentsException;
import dev.fsconform.env.KernelCatalog;
import dev.fsconform.grade.Expectations;
import dev.fsconform.report.Input;
import dev.fsconform.report.Inputs;
import dev.fsconform.report.Merge;
import dev.fsconform.report.Report;
import dev.fsconform.result.InvalidResultsException;
import dev.fsconform.result.ResultsFile;
import dev.fsconform.sandbox.LandlockPolicy;
import dev.fsconform.sandbox.SeccompPolicy;
import dev.fsconform.sys.Mountinfo;
import dev.fsconform.sys.ProcStatus;
import dev.fsconform.verdict.ConsoleSummary;
import dev.fsconform.verdict.EnvironmentVerdict;
import dev.fsconform.verdict.Verdicts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every reader of user input as a fuzz target, shared by the property tests and the coverage-guided
 * fuzzer. A target either accepts its input and runs it through everything downstream (grading,
 * causes, diagnosis, the page), or refuses it with the reader's own exception and a one-line message
 * that names the input. Anything else (another exception, a multi-line or unbounded message) is a
 * bug, reported as an AssertionError that carries the input's size and the original failure.
 */
final class Readers {
    /** What a refusal may print: one line, short enough to read even when it quotes the input. */
    static final int MAX_MESSAGE = 1_000;
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static final Path DIR = scratch();

    enum Verdict { ACCEPTED, REFUSED }

    private Readers() {
    }

    /** `grade` and `report`: read (plain or gzip), merge with a recorded run, grade, summarise, render. */
    static Verdict results(byte[] input) {
        Path f = write("results.json", input);
        return guard(input, InvalidResultsException.class, () -> {
            Input in = Inputs.read(f);
            ResultsFile merged = Merge.of(List.of(in, Corpus.recordedInput()), "fsconform fuzz");
            List<EnvironmentVerdict> verdicts = Verdicts.of(merged);
            ConsoleSummary.print(verdicts, NOWHERE);
            verdicts.forEach(EnvironmentVerdict::diagnosis);
            Report.html(merged, verdicts);
        });
    }

    static Verdict environments(byte[] input) {
        Path f = write("environments.yaml", input);
        return guard(input, InvalidEnvironmentsException.class, () -> EnvironmentCatalog.load(f).names());
    }

    static Verdict kernels(byte[] input) {
        Path f = write("kernels.yaml", input);
        return guard(input, InvalidEnvironmentsException.class, () -> KernelCatalog.load(f).names());
    }

    static Verdict containers(byte[] input) {
        Path f = write("containers.yaml", input);
        return guard(input, InvalidContainersException.class, () -> ContainerCatalog.load(f).names());
    }

    /** Expectation tables refuse with IllegalArgumentException naming the table and the row. */
    static Verdict expectations(byte[] input) {
        return guard(input, IllegalArgumentException.class,
                () -> Expectations.load(new ByteArrayInputStream(input), "fuzzed-expectations.yaml").size());
    }

    /** Override files of the JUnit library: declared outcomes, each with a rationale. */
    static Verdict declared(byte[] input) {
        Path f = write("declared.yaml", input);
        return guard(input, IllegalArgumentException.class,
                () -> dev.fsconform.junit.DeclaredReader.load(f, Corpus.recordedInput().file().environments().get(0).cells()));
    }

    /** /proc/self/mountinfo as a sandbox may write it: parsed, and every question the probe asks of it. */
    static Verdict mountinfo(byte[] input) {
        List<String> lines = new String(input, StandardCharsets.UTF_8).lines().toList();
        return guard(input, NeverRefused.class, () -> {
            Mountinfo mi = Mountinfo.parse(lines);
            for (Mountinfo.Mount m : mi.mounts()) {
                m.hasOption("ro");
                mi.find(m.id(), m.dev(), m.mountPoint());
            }
            mi.find(0, "0:0", "/tmp/x");
            mi.below(java.nio.file.Path.of("/"));
        });
    }

    /** /proc/self/status (and thread-self): parsed, and every field the fingerprint reads. */
    static Verdict status(byte[] input) {
        List<String> lines = new String(input, StandardCharsets.UTF_8).lines().toList();
        return guard(input, NeverRefused.class, () -> {
            ProcStatus st = ProcStatus.parse(lines);
            for (String k : List.of("Uid", "CapEff", "CapBnd", "Seccomp", "NoNewPrivs", "Seccomp_filters", "Name")) {
                st.has(k);
                st.text(k);
                st.number(k);
                st.numberOr(k);
                st.flag(k);
            }
        });
    }

    /** The /proc parsers refuse nothing: whatever they cannot read is "unknown". */
    private static final class NeverRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** The --landlock and --seccomp grammars of `sandbox` (parsed before anything is applied). */
    static Verdict policies(String landlock, String seccomp) {
        byte[] size = (landlock + seccomp).getBytes(StandardCharsets.UTF_8);
        guard(size, IllegalArgumentException.class, () -> LandlockPolicy.parse(landlock, List.of(DIR)));
        return guard(size, IllegalArgumentException.class, () -> SeccompPolicy.parse(seccomp));
    }

    /**
     * A command line run as the user runs it (in-process, output captured): exit 0 or 3 (grade --strict),
     * or exit 2 with exactly one line on stderr. Exit 1 is reserved for failures that are not the user's
     * input, and no line may look like a stack trace.
     */
    static Verdict cli(List<String> args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = dev.fsconform.cli.Main.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        String shown = String.join(" ", args.stream().map(a -> a.length() > 60 ? a.substring(0, 60) + "…" : a).toList());
        if (stderr.contains("\tat ") || stderr.contains("Exception in thread")) {
            throw new AssertionError("a stack trace for: " + shown + "\n" + stderr);
        }
        if (code == 0 || code == 3) {
            return Verdict.ACCEPTED;
        }
        if (code != 2) {
            throw new AssertionError("exit " + code + " for: " + shown + ": " + stderr.strip());
        }
        // Jazzer logs each class it instruments to stderr ("INFO: Instrumented …"); fsconform never prints "INFO: ".
        List<String> lines = stderr.lines().filter(l -> !l.startsWith("INFO: ")).toList();
        if (lines.size() != 1 || !lines.get(0).startsWith("fsconform")) {
            throw new AssertionError("exit 2 with " + lines.size() + " lines on stderr for: " + shown + ": " + stderr);
        }
        oneLine(lines.get(0), stderr.getBytes(StandardCharsets.UTF_8), null);
        return Verdict.REFUSED;
    }

    static Path scratchDir() {
        return DIR;
    }

    private static Verdict guard(byte[] input, Class<? extends RuntimeException> refusal, Runnable read) {
        try {
            read.run();
            return Verdict.ACCEPTED;
        } catch (RuntimeException e) {
            if (!refusal.isInstance(e)) {
                throw new AssertionError("an input of " + input.length + " bytes escaped as " + e + " at " + origin(e), e);
            }
            oneLine(e.getMessage(), input, e);
            return Verdict.REFUSED;
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("an input of " + input.length + " bytes exhausted the JVM: " + e, e);
        }
    }

    /** Where in fsconform the failure was thrown: what a report of it needs first. */
    private static String origin(Throwable e) {
        return java.util.Arrays.stream(e.getStackTrace()).filter(f -> f.getClassName().startsWith("dev.fsconform.")
                && !f.getClassName().startsWith("dev.fsconform.fuzz.")).findFirst().map(StackTraceElement::toString).orElse("?");
    }

    static void oneLine(String message, byte[] input, Throwable cause) {
        if (message == null || message.isBlank() || message.contains("\n") || message.length() > MAX_MESSAGE) {
            String shown = message == null ? "null" : message.substring(0, Math.min(message.length(), 300));
            throw new AssertionError("an input of " + input.length + " bytes was refused with a message that is not one short line ("
                    + (message == null ? 0 : message.length()) + " chars): " + shown, cause);
        }
    }

    private static Path write(String name, byte[] input) {
        try {
            return Files.write(DIR.resolve(Thread.currentThread().getId() + "-" + name), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path scratch() {
        try {
            Path d = Files.createTempDirectory("fsconform-fuzz-");
            d.toFile().deleteOnExit();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Trees.delete(d);
                } catch (IOException e) {
                    // A temp tree left for the system's cleaner; nothing a fuzz run can do about it now.
                }
            }));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
