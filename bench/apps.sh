#!/usr/bin/env bash
# The app family's cost: each real tool's job, repeated, on a fresh directory (median of the traced
# steps, as the cells record it), then the host lab with and without its default app cells.
# Usage: bench/apps.sh [RUNS] (default 5). Needs the jar (mvn -q -DskipTests package); the matrix part needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
work="$(mktemp -d /tmp/fsconform-bench-apps-XXXXXX)"
trap 'rm -rf "$work"' EXIT
for i in $(seq "$runs"); do
  mkdir -p "$work/p$i"
  ./fsconform probe "$work/p$i" --apps all --json "$work/r$i.json" --quiet
done
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
times, total = {}, []
for i in range(1, runs + 1):
    env = json.load(open(f"{work}/r{i}.json"))["environments"][0]
    cells = [c for c in env["cells"] if c["operation"] == "app" and c["status"] == "RAN"]
    for c in cells:
        times.setdefault(c["scenario"], []).append(c["durationMicros"] / 1e6)
    total.append(sum(c["durationMicros"] for c in cells) / 1e6)
for job, t in times.items():
    print(f"{job:20} median {statistics.median(t):6.2f} s  (min {min(t):.2f}, max {max(t):.2f})")
print(f"{'family':20} median {statistics.median(total):6.2f} s of traced steps per environment")
PY
if [ "$(id -u)" = 0 ]; then
  for apps in none default; do
    args=(--no-docker --out "$work/m-$apps")
    [ "$apps" = none ] && args+=(--apps none)
    start=$(date +%s.%N)
    ./fsconform matrix "${args[@]}" >/dev/null 2>&1 || true
    echo "matrix --no-docker, apps $apps: $(echo "$(date +%s.%N) - $start" | bc) s"
  done
fi
