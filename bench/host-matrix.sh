#!/usr/bin/env bash
# Times the full host matrix (run as root; everything else is SKIPPED and the number means little)
# and prints the per-environment phase table: set-up, probe and teardown in ms.
# Usage: bench/host-matrix.sh [extra matrix options, e.g. --jobs 1 or --only 'overlay-*']
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
[ -f "$JAR" ] || { echo "host-matrix: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
OUT=${OUT:-target/bench-host-matrix}
echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), uid $(id -u)"
start=$(date +%s%N)
java -jar "$JAR" matrix --timings --out "$OUT" "$@" 2>"$OUT.progress.log" || rc=$?
end=$(date +%s%N)
echo "# wall $(( (end - start) / 1000000 )) ms including JVM start and clean-up (exit ${rc:-0}); progress in $OUT.progress.log"
exit "${rc:-0}"
