package dev.fsconform.report;

import dev.fsconform.cause.Cause;
import dev.fsconform.grade.GradedCell;
import dev.fsconform.repro.Reproduction;
import dev.fsconform.repro.Reproductions;
import dev.fsconform.result.Observation;
import dev.fsconform.result.PostState;
import dev.fsconform.result.Where;
import dev.fsconform.verdict.EnvironmentVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Encodes verdicts, in column order, into {@link PageData}: every value interned once. */
final class PageDataBuilder {
    private final Interner<String> strings = Interner.strings();
    private final Interner<List<Object>> cells = Interner.tuples();
    private final Interner<List<Object>> wheres = Interner.tuples();
    private final Interner<List<Integer>> posts = Interner.tuples();
    private final Interner<List<Integer>> gradings = Interner.tuples();
    private final Interner<List<Integer>> causes = Interner.tuples();
    private final Interner<List<Integer>> lists = Interner.tuples();

    private PageDataBuilder() {
        lists.id(List.of());
    }

    static PageData build(List<EnvironmentVerdict> columns, List<Rows.Row> rows) {
        return new PageDataBuilder().encode(columns, rows);
    }

    private PageData encode(List<EnvironmentVerdict> columns, List<Rows.Row> rows) {
        Map<Rows.Row, Integer> rowIndex = new HashMap<>();
        List<int[]> r = new ArrayList<>();
        for (Rows.Row row : rows) {
            rowIndex.put(row, r.size());
            r.add(row(row));
        }
        List<int[]> e = new ArrayList<>();
        List<int[]> g = new ArrayList<>();
        List<int[]> wg = new ArrayList<>();
        for (EnvironmentVerdict v : columns) {
            e.add(new int[] {s(v.env().name()), s(Columns.group(v)), s(v.env().status().name()), s(v.env().reason()),
                s(KernelAxis.of(v)), s(KernelAxis.base(v)), s(KernelAxis.release(v))});
            int[] grid = new int[rows.size()];
            int[] whereGrid = new int[rows.size()];
            Arrays.fill(grid, -1);
            Arrays.fill(whereGrid, -1);
            for (GradedCell cell : v.cells()) {
                Observation o = cell.observation();
                int i = rowIndex.get(new Rows.Row(o.operation(), o.scenario()));
                if (grid[i] == -1) {
                    grid[i] = cells.id(cell(cell));
                    whereGrid[i] = o.where() == null ? -1 : wheres.id(where(o.where()));
                }
            }
            g.add(grid);
            wg.add(whereGrid);
        }
        return new PageData(PageData.VERSION, strings.values(), r, e, g, wg, cells.values(), posts.values(),
                gradings.values(), wheres.values(), causes.values(), lists.values());
    }

    private int[] row(Rows.Row row) {
        Reproduction repro = Reproductions.of(row.operation(), row.scenario()).orElse(null);
        return new int[] {s(row.operation()), s(row.scenario()), s(RowText.scenario(row.operation(), row.scenario())),
            s(RowText.operation(row.operation())),
            s(repro == null ? null : repro.setup()), s(repro == null ? null : repro.run()),
            s(repro == null ? null : repro.program()), s(repro == null ? null : repro.programFile())};
    }

    /**
     * One cell: status, outcome, errno (-1 for none), errno name, exception, detail, post-state (index
     * into {@code p}, -1 for none), grading (index into {@code q}, -1 when not graded), causes (list of
     * {@code k}), harness reason. Post-states and gradings repeat across cells, so they are tuples of their own.
     */
    private List<Object> cell(GradedCell cell) {
        Observation o = cell.observation();
        PostState ps = o.postState();
        return List.of(s(o.status().name()), s(o.outcome()), o.errno() == null ? -1 : o.errno(), s(o.errnoName()),
                s(o.exception()), s(o.detail()), ps == null ? -1 : posts.id(post(ps)),
                cell.grade() == null ? -1 : gradings.id(List.of(s(cell.grade().name()), s(cell.rowId()),
                        s(cell.rationale()), s(cell.reference()))),
                lists.id(cell.causes().stream().map(this::cause).toList()), s(o.reason()));
    }

    /** Source, target, inode kept (0 unknown, 1 yes, 2 no), problems (list). */
    private List<Integer> post(PostState ps) {
        return List.of(s(ps.source()), s(ps.target()), ps.inodeKept() == null ? 0 : ps.inodeKept() ? 1 : 2,
                list(ps.problems()));
    }

    private List<Object> where(Where w) {
        return List.of(w.sourceMountId(), w.targetMountId(), s(w.sourceDev()), s(w.targetDev()), s(w.sourceFs()),
                s(w.targetFs()), w.seeded() ? 1 : 0);
    }

    private int cause(Cause c) {
        return causes.id(List.of(s(c.id()), s(c.title()), list(c.evidence()), s(c.fix())));
    }

    private int list(List<String> values) {
        return lists.id(values.stream().map(this::s).toList());
    }

    private int s(String value) {
        return strings.id(value);
    }
}
