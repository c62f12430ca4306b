#!/usr/bin/env bash
# The probe run RUNS times (default 100) in one JVM and one directory: prints file descriptors, threads,
# heap after GC and fsconform temp entries before and after, and fails on any leak or any cell whose
# outcome changed (ProbeRepeatTest).
# Usage: bench/repeat-probe.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "repeat-probe: load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s)
mvn -q -B -o test -Dtest=ProbeRepeatTest -Dsurefire.failIfNoSpecifiedTests=false -Dfsconform.repeat.runs="${1:-100}" \
  | grep --line-buffered '^probe x' || { echo "repeat-probe: failed (target/surefire-reports/dev.fsconform.probe.ProbeRepeatTest.txt)" >&2; exit 1; }
echo "repeat-probe: $(( $(date +%s) - t0 )) s wall"
