#!/usr/bin/env bash
# Repeatability: ROUNDS consecutive matrices (default 5) of one selection must give the same result in
# every cell. Each environment is reduced to one line (status, reason, fingerprint) and each cell to
#   environment operation scenario status reason outcome errno errnoName exception detail post-state
#   where app-trace
# and every round is diffed against the first. Left out, as they differ by design: timings (durations,
# phases). Masked, as each run makes them anew: the run's scratch paths (…/fsconform-*), the tools' random
# temporary names (.tmpXXX), loop device names (/dev/loopN), and mount ids and device numbers (a cell's
# `where` keeps whether source and target share a mount and a device). Exit 0 when all rounds agree, 1
# with the differing lines otherwise. Run as root from anywhere (the host lab mounts filesystems).
# Usage: bench/repeat-matrix.sh host|containers [ROUNDS] [extra matrix arguments...]
#   host        the whole host lab (--no-docker)
#   containers  the container catalogue, no host lab (--only of every container environment and its
#               also-on generations), or ONLY=PATTERN for a part of it
set -euo pipefail
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

# One line per environment and per cell, masked as the header says.
cells() {
  jq -r '
    def mask: if type == "string" then gsub("/[^\" ]*fsconform-[^\" /]*"; "<scratch>") | gsub("\\.tmp[0-9A-Za-z_]+"; ".tmp<N>")
      | gsub("/dev/loop[0-9]+"; "/dev/loop<N>") else . end;
    def where: if . == null then null else del(.sourceMountId, .targetMountId, .sourceDev, .targetDev)
      + {sameMount: (.sourceMountId == .targetMountId), sameDev: (.sourceDev == .targetDev)} end;
    .environments[] | .name as $e
    | ([$e, "ENV", .status, (.reason // "-" | mask), (.fingerprint // {} | del(.mounts[]?.mountId, .mounts[]?.dev) | walk(mask)
        | tostring)] | @tsv),
      (.cells[] | [$e, .operation, .scenario, .status, (.reason // "-" | mask), (.outcome // "-"), (.errno // "-" | tostring),
        (.errnoName // "-"), (.exception // "-"), (.detail // "-" | mask), (.postState // {} | walk(mask) | tostring),
        (.where | where | tostring), (.app // {} | walk(mask) | tostring)] | @tsv)' "$1" | sort
}

for i in $(seq 1 "$ROUNDS"); do
  t0=$(date +%s)
  code=0
  java -jar "$JAR" matrix "${SELECT[@]}" "$@" --out "$OUT/$i" >"$OUT/$i.log" 2>&1 || code=$?
  [ -f "$OUT/$i/matrix.json" ] || { echo "round $i: no matrix.json (exit $code), see $OUT/$i.log" >&2; exit 2; }
  cells "$OUT/$i/matrix.json" >"$OUT/$i.cells"
  echo "round $i: exit $code, $(wc -l <"$OUT/$i.cells") cells, $(( $(date +%s) - t0 )) s"
done

differ=0
for i in $(seq 2 "$ROUNDS"); do
  if ! diff "$OUT/1.cells" "$OUT/$i.cells" >"$OUT/diff-1-$i.txt"; then
    differ=1
    echo "round $i differs from round 1 in $(grep -c '^[<>]' "$OUT/diff-1-$i.txt") lines ($OUT/diff-1-$i.txt):"
    head -20 "$OUT/diff-1-$i.txt"
  fi
done
[ "$differ" = 0 ] && echo "repeat-matrix: all $ROUNDS rounds agree on all $(wc -l <"$OUT/1.cells") cells"
exit "$differ"
