package dev.fsconform.report;

import java.util.List;

/**
 * The matrix as the page's script reads it: string tables and index arrays, so 100 environments ×
 * 400 cells stay small. Short names because they are repeated in every page; the layout of each
 * tuple is documented in {@link PageDataBuilder} and mirrored by {@code matrix.js}.
 *
 * @param v layout version
 * @param s strings; index 0 is null
 * @param r rows: operation, scenario, scenario text, operation text, repro setup, run, program, program file
 * @param e environments, in column order: name, group, status, reason, guest kernel (null: the recording
 *          machine's), name without the kernel, kernel release
 * @param g per environment, per row: index into {@code c}, or -1 where the environment has no such cell
 * @param wg per environment, per row: index into {@code w}, or -1
 * @param c distinct cells (see {@link PageDataBuilder#cell})
 * @param p distinct post-states: source, target, inode kept (0 unknown, 1 yes, 2 no), problems (list)
 * @param q distinct gradings: grade, expectation row id, rationale, reference
 * @param w distinct "where" tuples: source mount id, target mount id, source dev, target dev, source fs, target fs, seeded
 * @param k distinct causes: id, title, evidence (list), fix
 * @param l distinct lists of indices (problems, evidence, causes); index 0 is the empty list
 */
record PageData(int v, List<String> s, List<int[]> r, List<int[]> e, List<int[]> g, List<int[]> wg,
                List<List<Object>> c, List<List<Integer>> p, List<List<Integer>> q, List<List<Object>> w,
                List<List<Integer>> k, List<List<Integer>> l) {
    static final int VERSION = 2;
}
