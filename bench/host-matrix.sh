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
# bash's `time` counts the CPU of every process the matrix waited for: a load-independent figure
# beside the wall time, which other work on the machine stretches.
TIMEFORMAT="# wall %R s including JVM start and clean-up; CPU %U s user + %S s sys"
time { java -jar "$JAR" matrix --timings --out "$OUT" "$@" 2>"$OUT.progress.log" || rc=$?; }
echo "# exit ${rc:-0}; progress in $OUT.progress.log; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "${rc:-0}"
