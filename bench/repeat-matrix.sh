#!/usr/bin/env bash
# Repeatability: ROUNDS consecutive matrices (default 5) of one selection must give the same outcome in
# every cell (timings, dates, host-specific paths aside). Each cell is reduced to
#   environment  operation  scenario  status  outcome  errno  post-state
# and every round is diffed against the first. Exit 0 when all rounds agree, 1 with the differing
# cells otherwise. Run as root from anywhere (the host lab mounts filesystems).
# Usage: bench/repeat-matrix.sh host|containers [ROUNDS] [extra matrix arguments...]
#   host        the whole host lab (--no-docker)
#   containers  the container catalogue, no host lab (--only of every container environment)
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
    SELECT=(--only "$only") ;;
  *) echo "repeat-matrix: host or containers, not '$WHICH'" >&2; exit 2 ;;
esac
OUT=${OUT:-$(mktemp -d /tmp/fsconform-repeat.XXXXXX)}
echo "repeat-matrix: $ROUNDS $WHICH matrices into $OUT (load: $(cut -d' ' -f1-3 /proc/loadavg))"

# One line per cell; scratch paths and the tools' random temp names (.tmpNNN) in post-states differ per
# run, so only their shape is kept.
cells() {
  jq -r '.environments[] | .name as $e | .status as $s | if (.cells | length) == 0 then "\($e)\t-\t-\tENV:\($s)" else
    .cells[] | [$e, .operation, .scenario, .status, (.outcome // "-"), (.errnoName // "-"),
    ((.postState // {}) | tostring | gsub("/[^\" ]*fsconform-[^\" /]*"; "<scratch>") | gsub("\\.tmp[0-9]+"; ".tmp<N>"))] | @tsv end' "$1" | sort
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
