package dev.fsconform.operation;

/** What a successful call must leave behind; the probe checks the post-state against it. */
public enum Effect {
    /** Source name gone, target name is the source's inode. */
    MOVE,
    /** Like MOVE, but a copy (new inode) is an allowed way to achieve it: Files.move, mv. */
    MOVE_OR_COPY,
    /** Both names still exist and have swapped inodes. */
    EXCHANGE,
    /** Like MOVE, and the source name is left as a whiteout (0:0 character device). */
    MOVE_LEAVING_WHITEOUT,
    /** Source untouched, target is a second name for the source's inode. */
    LINK
}
