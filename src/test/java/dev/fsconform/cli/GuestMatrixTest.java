package dev.fsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsconform.env.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The kernel guest's entry reads its host-written command line as `fsconform matrix` would, and nothing else. */
class GuestMatrixTest {
    private static final List<String> GUEST = List.of("--only", "tmpfs,ext4", "--apps", "none", "--json-only", "--probe-threads",
            "--stream-to", "/fsconform-guest/envs", "--after", "/run/fsconform-init/modules-loaded",
            "--environments", "/run/fsconform/environments.yaml", "--out", "/fsconform-guest", "--work-dir",
            "/run/fsconform/work", "--jobs", "2");

    @Test
    void theClassTheHostStartsIsThisOne() {
        assertThat(Launcher.GUEST_MATRIX).isEqualTo(GuestMatrix.class.getName());
    }

    @Test
    void everyOptionItTakesIsOneOfMatrixs() {
        List<String> matrix = Arrays.stream(MatrixCommand.class.getDeclaredFields()).filter(f -> f.isAnnotationPresent(Option.class))
                .flatMap(f -> Arrays.stream(f.getAnnotation(Option.class).names())).toList();
        assertThat(matrix).containsAll(GuestMatrix.FLAGS).containsAll(GuestMatrix.VALUED);
    }

    @Test
    void theGuestsCommandLineMeansWhatMatrixMakesOfItWithoutContainersOrKernels() throws IllegalAccessException {
        // GIVEN the guest's command line, WHEN this entry and picocli's matrix (told --no-docker --kernels none) read it
        List<String> cli = new ArrayList<>(GUEST);
        cli.addAll(List.of("--no-docker", "--kernels", "none"));
        MatrixCommand picocli = new MatrixCommand();
        new CommandLine(picocli).parseArgs(cli.toArray(String[]::new));
        // THEN every option of matrix holds the same value
        assertThat(options(GuestMatrix.parse(GUEST.toArray(String[]::new)))).isEqualTo(options(picocli));
    }

    @Test
    void theOrderOfOptionsDoesNotMatter() throws IllegalAccessException {
        List<String> reversed = new ArrayList<>();
        for (int i = 0; i < GUEST.size(); i++) {
            boolean flag = GuestMatrix.FLAGS.contains(GUEST.get(i));
            reversed.addAll(0, flag ? List.of(GUEST.get(i)) : List.of(GUEST.get(i), GUEST.get(++i)));
        }
        assertThat(options(GuestMatrix.parse(reversed.toArray(String[]::new))))
                .isEqualTo(options(GuestMatrix.parse(GUEST.toArray(String[]::new))));
    }

    @Test
    void anythingElseIsAOneLineError() {
        assertRefused(with("--kernels", "all"), "unexpected argument '--kernels'");
        assertRefused(with("matrix"), "unexpected argument 'matrix'");
        assertRefused(with("--no-docker"), "unexpected argument '--no-docker'");
        assertRefused(with("--only", "x"), "--only is given twice");
        assertRefused(with("--json-only"), "--json-only is given twice");
        assertRefused(with("--timings"), "unexpected argument '--timings'");
        assertRefused(without("--work-dir"), "--work-dir is missing");
        assertRefused(without("--only"), "--only is missing");
        assertRefused(List.of("--out", "/o", "--work-dir", "/w", "--only"), "--only needs a value");
        assertRefused(List.of("--out", "/o", "--work-dir", "--only", "x"), "--work-dir needs a value");
        assertRefused(List.of("--out", "", "--work-dir", "/w", "--only", "x"), "--out needs a value");
        assertRefused(replaced("--jobs", "two"), "--jobs 'two' is not a whole number");
        assertRefused(replaced("--jobs", "-1"), "--jobs '-1' is not a whole number");
        assertRefused(replaced("--out", "a\0b"), "--out");
    }

    @Test
    void badInputExitsTwoWithOneLineOnStandardError() {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = GuestMatrix.run(with("--kernels", "all").toArray(String[]::new));
        } finally {
            System.setErr(before);
        }
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("fsconform: guest matrix: unexpected argument '--kernels'")
                .hasLineCount(1);
    }

    private static void assertRefused(List<String> args, String message) {
        assertThatThrownBy(() -> GuestMatrix.parse(args.toArray(String[]::new))).isInstanceOf(UsageException.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static List<String> with(String... more) {
        return Stream.concat(GUEST.stream(), Stream.of(more)).toList();
    }

    private static List<String> without(String option) {
        List<String> out = new ArrayList<>(GUEST);
        int i = out.indexOf(option);
        out.subList(i, i + 2).clear();
        return out;
    }

    private static List<String> replaced(String option, String value) {
        List<String> out = new ArrayList<>(GUEST);
        out.set(out.indexOf(option) + 1, value);
        return out;
    }

    private static Map<String, Object> options(MatrixCommand c) throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : MatrixCommand.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) {
                f.setAccessible(true);
                out.put(f.getName(), f.get(c));
            }
        }
        return out;
    }
}
