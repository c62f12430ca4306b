package dev.fsconform.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The short fuzz run of `mvn verify`: structure-aware mutations of recorded real inputs
 * ({@link Mutator}), a few hundred per reader (seconds). {@code -Dfsconform.fuzz.tries=N} runs more,
 * {@code -Dfsconform.fuzz.seed=S} replays a reported failure; the coverage-guided run of the same
 * targets is {@link ReadersCoverageFuzz} (bench/fuzz.sh). Each input is accepted and carried through
 * everything downstream, or refused with the reader's one-line error: never another exception.
 */
class ReadersFuzzTest {
    private static final int TRIES = Integer.getInteger("fsconform.fuzz.tries", 150);
    /** A command line costs a whole command (grading, a page): fewer of them in the same time. */
    private static final int CLI_TRIES = Math.max(1, TRIES / 3);
    private static final long SEED = Long.getLong("fsconform.fuzz.seed", 20261201L);

    @Test
    void resultsFilesAreGradedOrRefusedInOneLine() {
        List<byte[]> seeds = Corpus.results();
        mutate(TRIES, r -> Mutator.json(seeds.get((int) Math.floorMod(r, (long) seeds.size())), r), Readers::results);
    }

    @Test
    void environmentCataloguesLoadOrAreRefusedInOneLine() {
        mutate(TRIES, r -> Mutator.yaml(Corpus.environments(), r), Readers::environments);
    }

    @Test
    void kernelCataloguesLoadOrAreRefusedInOneLine() {
        mutate(TRIES, r -> Mutator.yaml(Corpus.kernels(), r), Readers::kernels);
    }

    @Test
    void containerCataloguesLoadOrAreRefusedInOneLine() {
        mutate(TRIES, r -> Mutator.yaml(Corpus.containers(), r), Readers::containers);
    }

    @Test
    void expectationTablesLoadOrAreRefusedInOneLine() {
        mutate(TRIES, r -> Mutator.yaml(Corpus.expectations(), r), Readers::expectations);
    }

    @Test
    void overrideFilesLoadOrAreRefusedInOneLine() {
        mutate(TRIES, r -> Mutator.yaml(Corpus.declared(), r), Readers::declared);
    }

    /** Mountinfo and status are generated with shrinking in ProcInputPropertyTest; here the raw bytes, quickly. */
    @Test
    void procFilesNeverThrow() {
        List<byte[]> tables = Corpus.procFiles();
        mutateOnly(TRIES, r -> Mutator.text(tables.get((int) Math.floorMod(r, (long) tables.size())), r), Readers::mountinfo);
        mutateOnly(TRIES, r -> Mutator.text(tables.get((int) Math.floorMod(r, (long) tables.size())), r), Readers::status);
    }

    @Test
    void commandLinesRunOrAreRefusedInOneLineWithExitTwo() {
        CommandLines lines = new CommandLines(Readers.scratchDir());
        mutate(CLI_TRIES, seed -> {
            java.util.Random r = new java.util.Random(seed);
            List<String> args = lines.next(new CommandLines.Choices() {
                public int pick(int n) {
                    return r.nextInt(n);
                }

                public String text() {
                    return r.ints(r.nextInt(12), 0, 0x3000).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                            StringBuilder::append).toString();
                }
            });
            return String.join("\u0000", args).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }, bytes -> Readers.cli(List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\u0000", -1))));
    }

    /**
     * GIVEN {@code tries} mutations of a real input WHEN the reader reads each THEN none escapes, and
     * both outcomes occur (a fuzzer that never gets past the parser, or never fails it, tests nothing).
     */
    private static void mutate(int tries, LongFunction<byte[]> input, Function<byte[], Readers.Verdict> reader) {
        Map<Readers.Verdict, Integer> seen = mutateOnly(tries, input, reader);
        if (tries >= 50) {
            assertThat(seen).as("verdicts over %d mutations", tries).containsKeys(Readers.Verdict.ACCEPTED, Readers.Verdict.REFUSED);
        }
    }

    /** Runs the mutations; a reader that refuses nothing (the /proc parsers) only has to never escape. */
    private static Map<Readers.Verdict, Integer> mutateOnly(int tries, LongFunction<byte[]> input, Function<byte[], Readers.Verdict> reader) {
        Map<Readers.Verdict, Integer> seen = new EnumMap<>(Readers.Verdict.class);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            long seed = SEED + i;
            try {
                seen.merge(reader.apply(input.apply(seed)), 1, Integer::sum);
            } catch (AssertionError e) {
                failures.add("-Dfsconform.fuzz.seed=" + seed + " -Dfsconform.fuzz.tries=1: " + e.getMessage());
            }
        }
        assertThat(failures).as("inputs that escaped their reader").isEmpty();
        return seen;
    }
}
