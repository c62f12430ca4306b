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

    public static Observation notRun(String operation, String scenario, CellStatus status, String reason) {
        return new Observation(operation, scenario, status, reason, null, null, null, null, null, null, null, null);
    }

    public boolean ran() {
        return status == CellStatus.RAN;
    }

    /** Which cell this is within its environment. */
    public CellKey cell() {
        return new CellKey(operation, scenario);
    }
}
