package dev.fsconform.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One cell as measured: raw and immutable. Grades and causes are derived from it later, so a
 * stored observation can be re-graded when expectation tables change.
 *
 * @param outcome {@code OK}, {@code COPIED} (succeeded through a new inode), {@code WRONG_STATE}
 *     (claimed success, left the wrong state), {@code PARTIAL} (failed but changed something), the
 *     errno name (EXDEV), or a Java exception's simple name; null unless status is RAN
 * @param app what a real tool did (operation {@code app} only, schema version 2), else null
 */
public record Observation(String operation, String scenario, CellStatus status, String reason,
                          String outcome, Integer errno, String errnoName, String exception, String detail,
                          PostState postState, Where where, Double durationMicros,
                          @JsonInclude(JsonInclude.Include.NON_NULL) AppTrace app) {

    /** A cell of the catalogue or an application pattern: no tool trace. */
    public Observation(String operation, String scenario, CellStatus status, String reason,
                       String outcome, Integer errno, String errnoName, String exception, String detail,
                       PostState postState, Where where, Double durationMicros) {
        this(operation, scenario, status, reason, outcome, errno, errnoName, exception, detail, postState, where,
                durationMicros, null);
    }

    /** A cell that ran: what its call answered, the state it left, where it ran and how long the call took. */
    public static Observation ran(CellKey cell, Answer answer, PostState postState, Where where, double durationMicros) {
        return ran(cell, answer, postState, where, durationMicros, null);
    }

    /** A real tool's cell, with what its trace showed. */
    public static Observation ran(CellKey cell, Answer answer, PostState postState, Where where, double durationMicros,
                                  AppTrace app) {
        return new Observation(cell.operation(), cell.scenario(), CellStatus.RAN, null, answer.outcome(), answer.errno(),
                answer.errnoName(), answer.exception(), answer.detail(), postState, where, durationMicros, app);
    }

    public static Observation notRun(CellKey cell, CellStatus status, String reason) {
        return new Observation(cell.operation(), cell.scenario(), status, reason, null, null, null, null, null, null, null, null);
    }

    public static Observation notRun(String operation, String scenario, CellStatus status, String reason) {
        return notRun(new CellKey(operation, scenario), status, reason);
    }

    /** What the call answered; for a cell that did not run, all empty. */
    public Answer answer() {
        return new Answer(outcome, errno, errnoName, exception, detail);
    }

    /** The same cell measured in another place (tests that vary the mount facts). */
    public Observation withWhere(Where w) {
        return new Observation(operation, scenario, status, reason, outcome, errno, errnoName, exception, detail, postState, w,
                durationMicros, app);
    }

    public Observation withDetail(String line) {
        return new Observation(operation, scenario, status, reason, outcome, errno, errnoName, exception, line, postState, where,
                durationMicros, app);
    }

    public boolean ran() {
        return status == CellStatus.RAN;
    }

    /** Which cell this is within its environment. */
    public CellKey cell() {
        return new CellKey(operation, scenario);
    }
}
