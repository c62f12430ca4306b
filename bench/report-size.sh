#!/usr/bin/env bash
# Report page benchmark: size of matrix.html for a synthetic merged file (default 100 environments ×
# 400 cells, graded by the real grader) and its render time in Debian's headless Chromium.
# Usage: bench/report-size.sh [ENVIRONMENTS] [CELLS] [RUNS]   (needs chromium + chromium-driver for times)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile >/dev/null
mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.fsconform.report.ReportBenchmark "$out" "${1:-100}" "${2:-400}" "${3:-5}"
