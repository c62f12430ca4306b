#!/usr/bin/env bash
# Checks that a faster probe still measures the same: runs the probe of two builds on the same mounts
# (a tmpfs with a seed tree, a second tmpfs for the cross-mount cells, and an overlay whose lower layer
# holds the seed tree) and compares every cell's status, outcome, errno, exception, post-state and
# `where`; only durations may differ. Each build writes its own seed trees. Root only (it mounts in a private mount namespace).
# Usage: bench/probe-same.sh OLD.jar [NEW.jar]   (NEW defaults to target/fsconform.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
old="$(readlink -f "${1:?usage: bench/probe-same.sh OLD.jar [NEW.jar]}")"
new="$(readlink -f "${2:-target/fsconform.jar}")"
[ "$(id -u)" = 0 ] || { echo "probe-same: needs root (mounts tmpfs and overlay in a private namespace)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

body='
set -euo pipefail
work="$1"; old="$2"; new="$3"
cd "$work"
mkdir p s lower upper wd ov
mount -t tmpfs probe-same-p p
mount -t tmpfs probe-same-s s
mount -t tmpfs probe-same-l lower
java -jar "$old" seed p/seed-old >/dev/null
java -jar "$new" seed p/seed-new >/dev/null
java -jar "$old" seed lower >/dev/null
mkdir lower/old lower/new
mv lower/fsconform-seed lower/old/
java -jar "$new" seed lower/new >/dev/null
mount -t tmpfs probe-same-u upper
mkdir upper/u upper/w
mount -t overlay probe-same-o -o lowerdir=lower,upperdir=upper/u,workdir=upper/w ov
for build in old new; do
  if [ "$build" = new ]; then jar="$new"; else jar="$old"; fi
  java -jar "$jar" probe p --second s --seeds "p/seed-$build" --json "tmpfs-$build.json" --quiet
  java -jar "$jar" probe "ov/$build" --second s --json "overlay-$build.json" --quiet
done
umount ov upper lower s p
'
unshare --mount --propagation private bash -c "$body" _ "$work" "$old" "$new"

cells='[.environments[].cells[] | del(.durationMicros)]'
# The scratch directory's name (pid, random part), a pattern's random temporary name and which of the two
# copies a run used are no result.
same_paths() { jq -S "$cells" "$1" | sed -E 's/\.fsconform-scratch-[0-9.]+-[0-9]+/SCRATCH/g; s#/ov/(old|new)/#/ov/X/#g; s#/seed-(old|new)/#/seed-X/#g; s#/\.tmp[0-9]+#/.tmpN#g'; }
status=0
for env in tmpfs overlay; do
  n=$(jq "$cells | length" "$work/$env-old.json")
  if diff <(same_paths "$work/$env-old.json") <(same_paths "$work/$env-new.json") >"$work/diff"; then
    echo "probe-same: $env: all $n cells identical (status, outcome, errno, post-state, where)"
  else
    echo "probe-same: $env: cells differ:" >&2
    head -n 60 "$work/diff" >&2
    status=1
  fi
done
exit "$status"
