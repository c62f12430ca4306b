package dev.fsconform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsconform.operation.Attempt;
import dev.fsconform.operation.Effect;
import dev.fsconform.sys.Errno;
import dev.fsconform.sys.FileKind;
import org.junit.jupiter.api.Test;

/** The judge on canned states: a claim is believed only when the post-state bears it out. */
class JudgeTest {
    private static final Node SRC = new Node(FileKind.FILE, "0:1", 10, 1, "source");
    private static final Node DST = new Node(FileKind.FILE, "0:1", 20, 1, "target");

    @Test
    void renameThatMovedTheInodeIsOk() {
        Judge.Verdict v = Judge.judge(Effect.MOVE, Attempt.ok(), SRC, Node.ABSENT, Node.ABSENT, SRC);

        assertThat(v.outcome()).isEqualTo("OK");
        assertThat(v.postState().source()).isEqualTo("absent");
        assertThat(v.postState().target()).isEqualTo("file:source");
        assertThat(v.postState().inodeKept()).isTrue();
    }

    @Test
    void successThatLeftTheTargetAloneIsWrongState() {
        // GIVEN a NOREPLACE call that claims success but the old target is still there and the source too
        Judge.Verdict v = Judge.judge(Effect.MOVE, Attempt.ok(), SRC, DST, SRC, DST);

        assertThat(v.outcome()).isEqualTo("WRONG_STATE");
        assertThat(v.postState().problems()).contains("source still exists", "target does not hold the source's data");
    }

    @Test
    void exchangeThatDidNotSwapIsWrongState() {
        Judge.Verdict v = Judge.judge(Effect.EXCHANGE, Attempt.ok(), SRC, DST, SRC, DST);

        assertThat(v.outcome()).isEqualTo("WRONG_STATE");
        assertThat(v.postState().problems()).hasSize(2);
    }

    @Test
    void exchangeThatSwappedIsOk() {
        Judge.Verdict v = Judge.judge(Effect.EXCHANGE, Attempt.ok(), SRC, DST, DST, SRC);

        assertThat(v.outcome()).isEqualTo("OK");
        assertThat(v.postState().source()).isEqualTo("file:target");
    }

    @Test
    void failureThatChangedTheTargetIsPartial() {
        // GIVEN Files.move(REPLACE_EXISTING) deleted the target, then failed
        Attempt failed = new Attempt(false, null, "DirectoryNotEmptyException", "a/src");
        Judge.Verdict v = Judge.judge(Effect.MOVE_OR_COPY, failed, SRC, DST, SRC, Node.ABSENT);

        assertThat(v.outcome()).isEqualTo("PARTIAL");
        assertThat(v.postState().problems()).containsExactly("failed call changed the target");
    }

    @Test
    void cleanFailureKeepsTheErrnoAsOutcome() {
        Judge.Verdict v = Judge.judge(Effect.MOVE, Attempt.errno(Errno.of(18)), SRC, Node.ABSENT, SRC, Node.ABSENT);

        assertThat(v.outcome()).isEqualTo("EXDEV");
        assertThat(v.postState().consistent()).isTrue();
    }

    @Test
    void javaExceptionIsTheOutcomeOfAFailedFilesMove() {
        Attempt failed = Attempt.exception(new java.nio.file.AtomicMoveNotSupportedException("a", "b", "x"), Errno.of(18));

        Judge.Verdict v = Judge.judge(Effect.MOVE, failed, SRC, Node.ABSENT, SRC, Node.ABSENT);

        assertThat(v.outcome()).isEqualTo("AtomicMoveNotSupportedException");
    }

    @Test
    void moveThroughANewInodeIsCopied() {
        Node copy = new Node(FileKind.FILE, "0:2", 99, 1, "source");

        Judge.Verdict v = Judge.judge(Effect.MOVE_OR_COPY, Attempt.ok(), SRC, Node.ABSENT, Node.ABSENT, copy);

        assertThat(v.outcome()).isEqualTo("COPIED");
        assertThat(v.postState().inodeKept()).isFalse();
    }

    @Test
    void linkMustAddASecondNameToTheSameInode() {
        Node linkedSrc = new Node(FileKind.FILE, "0:1", 10, 2, "source");

        assertThat(Judge.judge(Effect.LINK, Attempt.ok(), SRC, Node.ABSENT, linkedSrc, linkedSrc).outcome()).isEqualTo("OK");
        assertThat(Judge.judge(Effect.LINK, Attempt.ok(), SRC, Node.ABSENT, SRC, new Node(FileKind.FILE, "0:1", 11, 1, "source"))
                .outcome()).isEqualTo("WRONG_STATE");
    }

    @Test
    void whiteoutMustLeaveAWhiteoutBehind() {
        Node whiteout = new Node(FileKind.WHITEOUT, "0:1", 30, 1, "");

        assertThat(Judge.judge(Effect.MOVE_LEAVING_WHITEOUT, Attempt.ok(), SRC, Node.ABSENT, whiteout, SRC).outcome()).isEqualTo("OK");
        assertThat(Judge.judge(Effect.MOVE_LEAVING_WHITEOUT, Attempt.ok(), SRC, Node.ABSENT, Node.ABSENT, SRC).outcome())
                .isEqualTo("WRONG_STATE");
    }
}
