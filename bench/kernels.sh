#!/usr/bin/env bash
# Times the kernel axis: per kernel, the boot (QEMU start to the guest's root), the guest's host lab
# per environment (its phase timings) and the total wall, read from `fsconform matrix --kernels`'s
# kept console logs and results, and the CPU time the run took (QEMU included): on a shared machine
# the wall time says how loaded it was, the CPU time what the work costs. Run as root from the
# repository; the first run also downloads and builds the images (cached afterwards), so run it
# twice and quote the second. Also prints the guest host lab's milestones and boot to first cell.
#   bench/kernels.sh [KERNELS] [ONLY]   default: ci  'tmpfs@kernel-*,overlay-default@kernel-*,landlock-best-effort@kernel-*,landlock-abi1@kernel-*'
set -euo pipefail
cd "$(dirname "$0")/.."
kernels=${1:-ci}
only=${2:-'tmpfs@kernel-*,overlay-default@kernel-*,landlock-best-effort@kernel-*,landlock-abi1@kernel-*'}
out=$(mktemp -d /var/tmp/fsconform-bench-kernels.XXXXXX)
# BENCH_KEEP=1 keeps the run's directory (console logs, the guests' progress and milestones).
if [ -n "${BENCH_KEEP:-}" ]; then trap 'echo "kept: $out"' EXIT; else trap 'rm -rf "$out"' EXIT; fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
t0=$(date +%s.%N)
# bash's time counts every descendant the run waited for: the JVM, the builders, QEMU.
TIMEFORMAT='%U %S'
{ time ./fsconform matrix --no-docker --kernels "$kernels" --only "$only" --out "$out" >/dev/null 2>"$out/progress.txt" || true; } 2>"$out/cpu.txt"
t1=$(date +%s.%N)
grep -E 'image (built|cached)|class-data archive (cached|dumped|not)' "$out/progress.txt" | sed 's/, [0-9]* s$//' || true
for d in "$out"/kernels/kernel-*; do
  k=${d##*/kernel-}
  echo "== kernel $k"
  grep -a 'fsconform-guest: \(init\|modules loaded\|root ready\|host lab starting\|host lab exited\|run.sh exited\)' "$d/console.log" | sed 's/^/  guest uptime: /' || true
  # The guest's host lab: its own milestones (JVM start, catalogue, host detection, reaper, seed
  # layers, each environment's start, set-up and end, the first cell, the results file), stamped
  # with the guest's uptime and time of day; QEMU's start is the host's time of day.
  if [ -f "$d/qemu-started" ] && [ -f "$d/progress.log" ]; then
    awk -v q="$(cat "$d/qemu-started")" -v t0="$t0" '
      /^milestone: / { line = $0; sub(/^milestone: /, "", line); n = split(line, w, " "); e = w[n]
        what = line; sub(/ [^ ]*s epoch [0-9.]*$/, "", what)
        printf "  guest milestone: %-36s %8s uptime, %7.1f s after QEMU started\n", what, w[n - 2], e - q
        if (what == "first cell") first = e - q }
      END { printf "  QEMU started %.1f s into the run (for the first kernel: the host before QEMU); boot to first cell: %s\n", q - t0, first == "" ? "none" : sprintf("%.1f s", first) }
    ' "$d/progress.log"
  fi
  if [ -f "$d/matrix.json" ]; then
    python3 - "$d/matrix.json" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1]))['environments']:
    p = e.get('phases') or {}
    print("  %-28s %-11s set-up %6.1f s  probe %6.1f s  teardown %5.1f s" % (e['name'], e['status'],
          p.get('setupMillis', 0) / 1e3, p.get('probeMillis', 0) / 1e3, p.get('teardownMillis', 0) / 1e3))
PY
  fi
done
read -r user sys < "$out/cpu.txt"
echo "total wall: $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", b - a}') s; CPU: ${user} s user + ${sys} s sys; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
