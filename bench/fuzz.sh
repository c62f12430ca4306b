#!/usr/bin/env bash
# The long, coverage-guided fuzz run (Jazzer) of every reader: each target of ReadersCoverageFuzz for
# Jazzer's default five minutes, starting from the recorded seeds; a finding fails the run and is kept
# under src/test/resources/dev/fsconform/fuzz/ReadersCoverageFuzzInputs/<target>/ as a regression input.
# Usage: bench/fuzz.sh [TARGET...]   (default: every target; e.g. results environments commandLines)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(results environments kernels containers expectations declared mountinfo status policies commandLines)
echo "fuzz: ${targets[*]} (load $(cut -d' ' -f1-3 /proc/loadavg))"
failed=0
for t in "${targets[@]}"; do
  log=target/fuzz-$t.log
  mkdir -p target
  t0=$(date +%s)
  JAZZER_FUZZ=1 mvn -B -o test -Dtest="ReadersCoverageFuzz#$t" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || failed=1
  # libFuzzer's last status line: executions, coverage, corpus.
  stat=$(grep -aE '^#[0-9]+' "$log" | tail -1 || true)
  echo "fuzz $t: $(( $(date +%s) - t0 )) s, ${stat:-no libFuzzer status (see $log)}$(grep -aq 'BUILD FAILURE' "$log" && echo ', FAILED' || true)"
done
exit "$failed"
