#!/usr/bin/env bash
# The app family's cost, against its targets. First each real tool's job in a probe of a fresh
# directory, RUNS times: per cell the median of its traced steps (what the cell records; target <= 1 s),
# and per environment the wall and CPU time the whole family adds (a probe with --apps all minus one
# with --apps none; target <= 15 s). Then, as root, the host lab (`matrix --no-docker`) with --apps none
# and with each environment's default apps: per environment what its apps add to its probe, and the
# whole lab's wall and CPU (target: at most 1.5x the wall time without apps).
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
# A copy: a build during the run must not change the jar between (or under) its probes.
cp "$jar" "$work/fsconform.jar"
jar=$work/fsconform.jar

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
CELL_TARGET, FAMILY_TARGET, RATIO_TARGET = 1.0, 15.0, 1.5
def verdict(ok):
    return "within target" if ok else "OVER TARGET"
times, traced = {}, []
for i in range(1, runs + 1):
    env = json.load(open(f"{work}/r{i}.json"))["environments"][0]
    cells = [c for c in env["cells"] if c["operation"] == "app" and c["status"] == "RAN"]
    for c in cells:
        times.setdefault(c["scenario"], []).append(c["durationMicros"] / 1e6)
    traced.append(sum(c["durationMicros"] for c in cells) / 1e6)
print(f"\nPer cell: the traced steps (what the cell records), {runs} probes of a fresh directory, seconds")
print(f"  {'job':20} {'median':>7} {'min':>6} {'max':>6}   target <= {CELL_TARGET:.0f} s")
for job, t in sorted(times.items(), key=lambda kv: -statistics.median(kv[1])):
    m = statistics.median(t)
    print(f"  {job:20} {m:7.2f} {min(t):6.2f} {max(t):6.2f}   {verdict(m <= CELL_TARGET)}")
print(f"  {'sum of the cells':20} {statistics.median(traced):7.2f}")
runs_of = {}
for line in open(f"{work}/times"):
    name, wall, user, sys_ = line.split()
    runs_of.setdefault(name, []).append((float(wall), float(user) + float(sys_)))
def med(name, k):
    return statistics.median(r[k] for r in runs_of[name])
wall = med("probe-apps", 0) - med("probe-none", 0)
cpu = med("probe-apps", 1) - med("probe-none", 1)
print("\nPer environment: the whole app family (probe --apps all minus probe --apps none, medians)")
print(f"  {wall:.2f} s wall, {cpu:.2f} s CPU   target <= {FAMILY_TARGET:.0f} s wall: {verdict(wall <= FAMILY_TARGET)}")
if "matrix-none" in runs_of:
    n, d = runs_of["matrix-none"][0], runs_of["matrix-default"][0]
    def probes(name):
        return {e["name"]: e["phases"]["probeMillis"] / 1000 for e in json.load(open(f"{work}/m-{name}/matrix.json"))["environments"]
                if e.get("phases")}
    without, withapps = probes("none"), probes("default")
    print("\nPer environment in the host lab (matrix --no-docker): probe seconds with its default apps and without")
    for name in sorted(withapps, key=lambda k: withapps[k] - without.get(k, 0), reverse=True):
        extra = withapps[name] - without.get(name, 0)
        if extra > 1:
            print(f"  {name:40} {withapps[name]:7.1f} vs {without.get(name, 0):6.1f}: the apps add {extra:5.1f} s"
                  f"   {verdict(extra <= FAMILY_TARGET)}")
    ratio = d[0] / n[0]
    print("\nWhole host lab")
    print(f"  matrix --no-docker --apps none:       {n[0]:7.1f} s wall, {n[1]:6.1f} s CPU")
    print(f"  matrix --no-docker (default apps):    {d[0]:7.1f} s wall, {d[1]:6.1f} s CPU")
    print(f"  ratio {ratio:.2f}x wall, {d[1] / n[1]:.2f}x CPU   target <= {RATIO_TARGET}x wall: {verdict(ratio <= RATIO_TARGET)}")
PY
