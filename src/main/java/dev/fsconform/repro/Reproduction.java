package dev.fsconform.repro;

/**
 * How to reproduce one cell by hand, outside fsconform: a shell setup that builds the same fixture,
 * the command that makes the call, and (for native calls and Files.move) the tiny program it runs.
 *
 * @param setup shell lines that create the fixture in a fresh directory and leave the shell in it
 * @param run the shell line that makes the call and prints its result
 * @param program the source to save as {@code programFile} before {@code run}, or null (mv)
 * @param programFile where {@code run} expects the program, or null
 */
public record Reproduction(String setup, String run, String program, String programFile) {
}
