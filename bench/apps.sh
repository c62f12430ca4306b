#!/usr/bin/env bash
# The app family's cost. First each real tool's job in a probe of a fresh directory, RUNS times: the
# median of each cell's traced steps (what the cell records), and per probe the wall and CPU time that
# the app cells add (a probe with --apps all minus one with --apps none). Then, as root, the host lab
# (`matrix --no-docker`) with --apps none and with each environment's default apps, wall and CPU.
# Usage: bench/apps.sh [RUNS] (default 5); BENCH_MATRIX=0 leaves the matrix part out.
# Needs the jar (mvn -q -DskipTests package). Prints the load before and after: on a shared machine
# wall times stretch with it, CPU times much less.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
case $runs in ''|*[!0-9]*|0) echo "bench/apps.sh: RUNS must be a positive number, not '$runs'" >&2; exit 2 ;; esac
jar=target/fsconform.jar
[ -f "$jar" ] || { echo "bench/apps.sh: $jar missing: run mvn -q -DskipTests package" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/apps.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/fsconform-bench-apps-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# timed NAME COMMAND...: runs it, appends "NAME wall user sys" to $work/times (GNU time's format).
timed() {
  local name=$1; shift
  /usr/bin/time -f "$name %e %U %S" -a -o "$work/times" "$@"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  mkdir -p "$work/p$i" "$work/n$i"
  timed "probe-apps" java -jar "$jar" probe "$work/p$i" --apps all --json "$work/r$i.json" --quiet
  timed "probe-none" java -jar "$jar" probe "$work/n$i" --apps none --json "$work/n$i.json" --quiet
done
if [ "$(id -u)" = 0 ] && [ "${BENCH_MATRIX:-1}" != 0 ]; then
  for apps in none default; do
    args=(--no-docker --out "$work/m-$apps")
    [ "$apps" = none ] && args+=(--apps none)
    timed "matrix-$apps" java -jar "$jar" matrix "${args[@]}" >"$work/m-$apps.log" 2>&1 \
      || echo "matrix --apps $apps exited $? (see the summary in its log)" >&2
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
times, traced = {}, []
for i in range(1, runs + 1):
    env = json.load(open(f"{work}/r{i}.json"))["environments"][0]
    cells = [c for c in env["cells"] if c["operation"] == "app" and c["status"] == "RAN"]
    for c in cells:
        times.setdefault(c["scenario"], []).append(c["durationMicros"] / 1e6)
    traced.append(sum(c["durationMicros"] for c in cells) / 1e6)
print("per cell, traced steps (s):")
for job, t in times.items():
    print(f"  {job:20} median {statistics.median(t):6.2f}  (min {min(t):.2f}, max {max(t):.2f})")
print(f"  {'sum of the cells':20} median {statistics.median(traced):6.2f}")
runs_of = {}
for line in open(f"{work}/times"):
    name, wall, user, sys_ = line.split()
    runs_of.setdefault(name, []).append((float(wall), float(user) + float(sys_)))
def med(name, k):
    return statistics.median(r[k] for r in runs_of[name])
wall = med("probe-apps", 0) - med("probe-none", 0)
cpu = med("probe-apps", 1) - med("probe-none", 1)
print(f"app family per environment (probe --apps all minus --apps none, medians): {wall:.2f} s wall, {cpu:.2f} s CPU")
if "matrix-none" in runs_of:
    n, d = runs_of["matrix-none"][0], runs_of["matrix-default"][0]
    print(f"matrix --no-docker --apps none: {n[0]:.1f} s wall, {n[1]:.1f} s CPU")
    print(f"matrix --no-docker (default apps): {d[0]:.1f} s wall, {d[1]:.1f} s CPU; ratio {d[0] / n[0]:.2f}x wall, {d[1] / n[1]:.2f}x CPU")
PY
