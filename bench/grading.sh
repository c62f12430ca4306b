#!/usr/bin/env bash
# Grading benchmark: what expectation matching, cause attribution and the verdict add to a probe run
# (budget: 20 %). In-process, so JVM start-up counts for neither side; also times `fsconform grade`
# as a whole process on the results of one probe run.
# Usage: bench/grading.sh [RUNS]   (default 10; probes /tmp with /dev/shm as the cross-mount directory)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
mvn -q -B -o package -DskipTests -Dfsconform.it.skip=true >/dev/null 2>&1
mvn -q -B -o test-compile >/dev/null 2>&1
cp="target/test-classes:target/fsconform.jar"
d="$(mktemp -d -p /tmp)"; s="$(mktemp -d -p /dev/shm)"
trap 'rm -rf "$d" "$s"' EXIT
echo "== in process: probe vs grading, $runs runs after one warm-up"
java -cp "$cp" dev.fsconform.bench.GradingBench "$d" "$s" "$runs"
echo "== whole processes: probe --json, then grade (JVM start-up included)"
t0=$(date +%s%N); java -jar target/fsconform.jar probe "$d" --second "$s" --quiet --json "$d/r.json"; t1=$(date +%s%N)
java -jar target/fsconform.jar grade --no-diagnosis "$d/r.json" >/dev/null; t2=$(date +%s%N)
echo "probe process $(( (t1 - t0) / 1000000 )) ms, grade process $(( (t2 - t1) / 1000000 )) ms"
echo "== whole probe processes with and without the graded summary, $runs interleaved pairs"
quiet=(); graded=()
for _ in $(seq "$runs"); do
  rm -f "$d"/*.json
  t0=$(date +%s%N); java -jar target/fsconform.jar probe "$d" --second "$s" --quiet --json "$d/q.json"; t1=$(date +%s%N)
  java -jar target/fsconform.jar probe "$d" --second "$s" --json "$d/g.json" >/dev/null; t2=$(date +%s%N)
  quiet+=($(( (t1 - t0) / 1000000 ))); graded+=($(( (t2 - t1) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mq=$(median "${quiet[@]}"); mg=$(median "${graded[@]}")
awk -v q="$mq" -v g="$mg" 'BEGIN {printf "probe --quiet median %d ms, with summary median %d ms: +%d ms (%.1f %%)\n", q, g, g - q, 100 * (g - q) / q}'
