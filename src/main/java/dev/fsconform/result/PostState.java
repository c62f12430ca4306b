package dev.fsconform.result;

import java.util.List;

/**
 * What the probe found at both paths after the call, and what did not match the call's claim.
 * {@code source} and {@code target} read like {@code absent}, {@code file:source}, {@code dir:target}
 * (kind, then whose data it holds). {@code inodeKept} is null where no inode was meant to move.
 */
public record PostState(String source, String target, Boolean inodeKept, List<String> problems) {
    /** The problem of a link whose new name shows another inode number; cause rules look for it. */
    public static final String LINK_NOT_SAME_INODE = "target is not a second name for the source's inode";
    public static final String LINK_SOURCE_NEW_INODE = "the source has a new inode after the link (copied up), and the target is a second name for it";

    public PostState {
        problems = List.copyOf(problems);
    }

    public boolean consistent() {
        return problems.isEmpty();
    }
}
