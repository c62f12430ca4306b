#!/usr/bin/env bash
# Repeatability: ROUNDS consecutive matrices (default 5) of one selection must give the same result in
# every cell. Each environment is reduced to one line (status, reason, fingerprint) and each cell to
#   environment operation scenario status reason outcome errno errnoName exception detail post-state
#   where app-trace
# and every round is diffed against the first. Left out, as they differ by design: timings (durations,
# phases). Masked, as each run makes them anew: the run's scratch paths (…/fsconform-*), the tools' random
# temporary names (.tmpXXX), loop device names (/dev/loopN), mount ids and device numbers (a cell's
# `where` keeps whether source and target share a mount and a device), a container's hostname (its random
# id), the engine's names of its layer directories in overlay mount options (one per container,
# Docker's and podman's) and the id of the inner engine's container in the label naming it. A real
# tool's cell (operation app) is compared by status, outcome, errno, exception, end state and the
# name and errno of the call that failed first; what its
# trace told (the detail and the calls) is compared apart and reported, not failed on: the tools name
# their temporary files at random and order their asynchronous I/O differently from run to run (npm's
# copy after EXDEV is traced in one run and done by an untraced call in the next). Exit 0 when all
# rounds agree, 1 with the differing lines otherwise. Run as root from anywhere (the host lab mounts filesystems).
# Usage: bench/repeat-matrix.sh host|containers [ROUNDS] [extra matrix arguments...]
#   host        the whole host lab (--no-docker)
#   containers  the container catalogue, no host lab (--only of every container environment and its
#               also-on generations), or ONLY=PATTERN for a part of it
# OUT=DIR COMPARE=1 compares the rounds already in DIR again, without running matrices.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
WHICH=${1:?usage: bench/repeat-matrix.sh host|containers [ROUNDS] [matrix args...]}
ROUNDS=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
[ -f "$JAR" ] || { echo "repeat-matrix: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
case "$WHICH" in
  host) SELECT=(--no-docker) ;;
  containers)
    # Every entry and its also-on generations (NAME@GENERATION).
    only=$(sed -n 's/^  - name: \([a-z0-9._+-]*\)$/\1,\1@*/p' matrix/containers.yaml | paste -sd, -)
    SELECT=(--only "${ONLY:-$only}") ;;
  *) echo "repeat-matrix: host or containers, not '$WHICH'" >&2; exit 2 ;;
esac
OUT=${OUT:-$(mktemp -d /tmp/fsconform-repeat.XXXXXX)}
mkdir -p "$OUT"
echo "repeat-matrix: $ROUNDS $WHICH matrices into $OUT (load: $(cut -d' ' -f1-3 /proc/loadavg))"

# One line per environment and per cell, masked as the header says; with "narratives", one line per
# real tool's cell with what its trace told.
cells() {
  jq -r --arg what "${2:-cells}" '
    def mask: if type == "string" then gsub("/[^\" ]*fsconform-[^\" /]*"; "<scratch>") | gsub("\\.tmp[0-9A-Za-z_]+"; ".tmp<N>")
      | gsub("/dev/loop[0-9]+"; "/dev/loop<N>") | gsub("/overlay2/(l/[A-Z0-9]{26}|[0-9a-f]{64})"; "/overlay2/<layer>")
      | gsub("/storage/overlay/(l/[A-Z0-9]{26}|[0-9a-f]{64})"; "/storage/overlay/<layer>")
      | gsub(" container [0-9a-f]{12}$"; " container <id>") else . end;
    def where: if . == null then null else del(.sourceMountId, .targetMountId, .sourceDev, .targetDev)
      + {sameMount: (.sourceMountId == .targetMountId), sameDev: (.sourceDev == .targetDev)} end;
    def told: if .operation == "app" and $what == "cells" then .detail = "<what the tool did>" | .app = null
      | .postState.source |= (if type == "string" then gsub("\\([^)]*\\)"; "(<paths>)") else . end) else . end;
    if $what == "narratives" then .environments[] | .name as $e | .cells[] | select(.operation == "app")
      | [$e, .scenario, (.detail // "-" | mask), (.app // {} | walk(mask) | tostring)] | @tsv
    else .environments[] | .name as $e
    | ([$e, "ENV", .status, (.reason // "-" | mask), (.fingerprint // {} | del(.mounts[]?.mountId, .mounts[]?.dev)
        | if (.hostname // "" | test("^[0-9a-f]{12}$")) then .hostname = "<container id>" else . end | walk(mask)
        | tostring)] | @tsv),
      (.cells[] | told | [$e, .operation, .scenario, .status, (.reason // "-" | mask), (.outcome // "-"), (.errno // "-" | tostring),
        (.errnoName // "-"), (.exception // "-"), (.detail // "-" | mask), (.postState // {} | walk(mask) | tostring),
        (.where | where | tostring), (.app // {} | walk(mask) | tostring)] | @tsv) end' "$1" | sort
}

for i in $(seq 1 "$ROUNDS"); do
  t0=$(date +%s)
  code=0
  [ -n "${COMPARE:-}" ] || java -jar "$JAR" matrix "${SELECT[@]}" "$@" --out "$OUT/$i" >"$OUT/$i.log" 2>&1 || code=$?
  [ -f "$OUT/$i/matrix.json" ] || { echo "round $i: no matrix.json (exit $code), see $OUT/$i.log" >&2; exit 2; }
  cells "$OUT/$i/matrix.json" >"$OUT/$i.cells"
  cells "$OUT/$i/matrix.json" narratives >"$OUT/$i.narratives"
  [ -n "${COMPARE:-}" ] || echo "round $i: exit $code, $(wc -l <"$OUT/$i.cells") lines, $(( $(date +%s) - t0 )) s (load $(cut -d' ' -f1-3 /proc/loadavg))"
done

# An environment that timed out in one round and ran in another (its budget against the machine's load)
# is reported as such; its cells are compared only between rounds where it ran. Any other differing line
# is a difference in what the kernel did or in how fsconform reported it.
status() { awk -F'\t' '$2 == "ENV" {print $1 "\t" $3}' "$1" | sort -t$'\t' -k1,1; }
differ=0
for i in $(seq 2 "$ROUNDS"); do
  join -t$'\t' <(status "$OUT/1.cells") <(status "$OUT/$i.cells") | awk -F'\t' '$2 != $3' >"$OUT/env-1-$i.txt"
  keep() { awk -F'\t' -v list="$(cut -f1 "$OUT/env-1-$i.txt" | paste -sd' ' -)" \
    'BEGIN {n = split(list, a, " "); for (k = 1; k <= n; k++) skip[a[k]]} !($1 in skip)' "$1"; }
  diff <(keep "$OUT/1.cells") <(keep "$OUT/$i.cells") >"$OUT/diff-1-$i.txt" || true
  both=$(keep "$OUT/1.cells" | wc -l)
  changed=$(grep -c '^[<>]' "$OUT/diff-1-$i.txt" || true)
  echo "round $i against round 1: $(( both - $(grep -c '^<' "$OUT/diff-1-$i.txt" || true) )) of $both lines the same in the environments with the same status$(
    [ -s "$OUT/env-1-$i.txt" ] && printf '; status differs: %s' "$(awk -F'\t' '{printf "%s%s %s -> %s", (NR > 1 ? ", " : ""), $1, $2, $3}' "$OUT/env-1-$i.txt")")"
  told=$(diff <(keep "$OUT/1.narratives") <(keep "$OUT/$i.narratives") | grep -c '^<' || true)
  [ "$told" = 0 ] || echo "  $told of $(keep "$OUT/1.narratives" | wc -l) real tools' cells told what the tool did differently (same outcome): diff $OUT/1.narratives $OUT/$i.narratives"
  if [ "$changed" != 0 ] || [ -s "$OUT/env-1-$i.txt" ]; then
    differ=1
    [ "$changed" = 0 ] || { echo "  differing lines ($OUT/diff-1-$i.txt):"; head -20 "$OUT/diff-1-$i.txt" | cut -c1-400; }
  fi
done
[ "$differ" = 0 ] && echo "repeat-matrix: all $ROUNDS rounds agree on all $(wc -l <"$OUT/1.cells") lines"
exit "$differ"
