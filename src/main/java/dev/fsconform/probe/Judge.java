package dev.fsconform.probe;

import dev.fsconform.operation.Attempt;
import dev.fsconform.operation.Effect;
import dev.fsconform.result.PostState;
import dev.fsconform.sys.FileKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a call's claim and the state before and after it into an outcome. A claim of success is
 * believed only if the post-state is exactly what the call promises; a failure only if nothing changed.
 */
final class Judge {
    static final String OK = "OK";
    static final String COPIED = "COPIED";
    static final String WRONG_STATE = "WRONG_STATE";
    static final String PARTIAL = "PARTIAL";

    private Judge() {
    }

    record Verdict(String outcome, PostState postState) {
    }

    static Verdict judge(Effect effect, Attempt attempt, Node srcBefore, Node dstBefore, Node srcAfter, Node dstAfter) {
        List<String> problems = new ArrayList<>();
        Boolean inodeKept = null;
        if (attempt.succeeded()) {
            inodeKept = checkSuccess(effect, srcBefore, dstBefore, srcAfter, dstAfter, problems);
        } else {
            expect(srcAfter.unchangedFrom(srcBefore), "failed call changed the source", problems);
            expect(dstAfter.unchangedFrom(dstBefore), "failed call changed the target", problems);
        }
        PostState post = new PostState(describe(srcAfter, srcBefore, dstBefore), describe(dstAfter, srcBefore, dstBefore),
                inodeKept, problems);
        return new Verdict(outcome(attempt, post), post);
    }

    private static String outcome(Attempt attempt, PostState post) {
        if (!attempt.succeeded()) {
            if (!post.consistent()) {
                return PARTIAL;
            }
            if (attempt.exception() != null && !attempt.exception().startsWith("exit-")) {
                return attempt.exception();
            }
            return attempt.errno() != null ? attempt.errno().name() : attempt.exception();
        }
        if (!post.consistent()) {
            return WRONG_STATE;
        }
        return Boolean.FALSE.equals(post.inodeKept()) ? COPIED : OK;
    }

    /** Returns whether the moved object kept its inode (null for links), adding any broken promise. */
    private static Boolean checkSuccess(Effect effect, Node srcBefore, Node dstBefore, Node srcAfter, Node dstAfter,
                                        List<String> problems) {
        switch (effect) {
            case LINK:
                if (!srcAfter.sameData(srcBefore)) {
                    problems.add("link changed the source");
                } else if (!srcAfter.sameInode(srcBefore)) {
                    // gVisor copies a lower-layer file up on link: both names then share the new inode.
                    problems.add(PostState.LINK_SOURCE_NEW_INODE);
                }
                expect(dstAfter.sameInode(srcAfter), PostState.LINK_NOT_SAME_INODE, problems);
                expect(srcAfter.nlink() == srcBefore.nlink() + 1, "link count did not grow by one", problems);
                return null;
            case EXCHANGE:
                expect(srcAfter.sameData(dstBefore) && srcAfter.sameInode(dstBefore), "source path does not hold the old target", problems);
                expect(dstAfter.sameData(srcBefore) && dstAfter.sameInode(srcBefore), "target path does not hold the old source", problems);
                return dstAfter.sameInode(srcBefore);
            case MOVE_LEAVING_WHITEOUT:
                expect(srcAfter.kind() == FileKind.WHITEOUT, "source path is not a whiteout", problems);
                return moved(dstAfter, srcBefore, problems);
            case MOVE:
                expect(!srcAfter.exists(), "source still exists", problems);
                return moved(dstAfter, srcBefore, problems);
            case MOVE_OR_COPY:
                expect(!srcAfter.exists(), "source still exists", problems);
                return moved(dstAfter, srcBefore, problems);
            default:
                throw new AssertionError(effect);
        }
    }

    /** A new inode with the right data is a copy: allowed for Files.move and mv, and reported as COPIED. */
    private static Boolean moved(Node dstAfter, Node srcBefore, List<String> problems) {
        expect(dstAfter.sameData(srcBefore), "target does not hold the source's data", problems);
        return dstAfter.sameInode(srcBefore);
    }

    private static void expect(boolean condition, String problem, List<String> problems) {
        if (!condition) {
            problems.add(problem);
        }
    }

    /** "absent", "whiteout", or kind + whose data: "dir:source", "file:target", "file:other". */
    static String describe(Node now, Node srcBefore, Node dstBefore) {
        if (!now.exists()) {
            return "absent";
        }
        String kind = now.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (now.kind() == FileKind.WHITEOUT) {
            return kind;
        }
        boolean isSrc = now.sameData(srcBefore);
        boolean isDst = dstBefore.exists() && now.sameData(dstBefore);
        String whose;
        if (isSrc && isDst) {
            whose = now.sameInode(dstBefore) ? "target" : "source";
        } else {
            whose = isSrc ? "source" : isDst ? "target" : "other";
        }
        return kind + ":" + whose;
    }
}
