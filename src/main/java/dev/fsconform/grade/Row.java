package dev.fsconform.grade;

import java.util.List;
import java.util.Map;

/**
 * One expectation row, as written in the table: which cells it covers (every listed condition must
 * hold; an absent condition matches anything), which outcomes it grades, and why.
 *
 * @param ops operation ids or {@code @group} names from the table's groups
 * @param scenarios exact scenario ids: catalogue scenarios, or application pattern ids for {@code pattern}
 * @param source scenario source kinds; {@code target} kinds use {@code none} for a missing target
 * @param placement same-dir, cross-dir, cross-mount
 * @param boundary what {@code where} measured between the parents: none, mount, device
 * @param fs statfs type of the source's parent (overlayfs, fuse, btrfs …)
 * @param mountType mountinfo type of the source's mount (fuse.fuse-overlayfs …)
 * @param lacksCap capabilities the prober must lack (CAP_MKNOD)
 * @param state required post-state, {@code source}/{@code target} as the probe describes them
 * @param outcomes {@code OK}, {@code EXDEV}, {@code FileSystemException(EISDIR)}, {@code *}
 */
record Row(String id, List<String> ops, List<String> scenarios, List<String> source, List<String> target, List<String> placement,
           Boolean seeded, List<String> boundary, List<String> fs, List<String> mountType, List<String> lacksCap,
           Map<String, String> state, List<String> outcomes, Grade grade, String rationale, String reference) {
}
