#!/usr/bin/env bash
# Probe benchmark: in-process cost per cell on tmpfs, and wall time of a whole `probe` process.
# Usage: bench/probe.sh [RUNS]   (as root it mounts its own tmpfs in a private mount namespace)
# Prints the load average before and after: on a shared machine only a comparison under one load counts.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
mvn -q -B package -DskipTests -Dfsconform.it.skip=true >/dev/null 2>&1
mvn -q -B test-compile >/dev/null 2>&1
cp="target/test-classes:target/fsconform.jar"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

body='
set -euo pipefail
dir="$1"; runs="$2"; cp="$3"
echo "== in-process cost per cell on $(stat -f -c %T "$dir") (10 rounds after 3 warm-up rounds)"
java -cp "$cp" dev.fsconform.bench.ProbeBench "$dir" 10
echo "== whole probe process through ./fsconform (same launcher, same JVM flags and class-data archive) against a bare --help, $runs interleaved pairs"
./fsconform --help >/dev/null # the first use dumps the class-data archive
probe=(); help=(); pcpu=0; hcpu=0
for i in $(seq "$runs"); do
  s=$(date +%s%N); /usr/bin/time -o "$dir/.help-cpu" -f "%U %S" ./fsconform --help >/dev/null; m=$(date +%s%N)
  /usr/bin/time -o "$dir/.probe-cpu" -f "%U %S" ./fsconform probe "$dir" --quiet; e=$(date +%s%N)
  help+=($(( (m - s) / 1000000 ))); probe+=($(( (e - m) / 1000000 )))
  hcpu=$(awk -v t="$hcpu" "{print t + \$1 + \$2}" "$dir/.help-cpu"); pcpu=$(awk -v t="$pcpu" "{print t + \$1 + \$2}" "$dir/.probe-cpu")
done
rm -f "$dir/.help-cpu" "$dir/.probe-cpu"
med() { printf "%s\n" "$@" | sort -n | awk "{a[NR]=\$1} END {printf \"median %d ms  min %d ms  max %d ms\", a[int((NR+1)/2)], a[1], a[NR]}"; }
echo "probe --quiet  $(med "${probe[@]}")"
echo "--help         $(med "${help[@]}")"
ph=$(printf "%s\n" "${probe[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
hh=$(printf "%s\n" "${help[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "ratio of medians $(awk "BEGIN {printf \"%.2f\", $ph / $hh}")"
echo "CPU (user + sys, children included) per process: probe $(awk "BEGIN {printf \"%.0f\", $pcpu * 1000 / $runs}") ms, --help $(awk "BEGIN {printf \"%.0f\", $hcpu * 1000 / $runs}") ms, ratio $(awk "BEGIN {printf \"%.2f\", $pcpu / $hcpu}")"
'
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  d="$(mktemp -d)"
  trap 'rmdir "$d"' EXIT
  unshare --mount --propagation private bash -c "mount -t tmpfs bench \"\$1\" && shift && $body" _ "$d" "$d" "$runs" "$cp"
else
  d="$(mktemp -d -p /dev/shm)"
  trap 'rm -rf "$d"' EXIT
  bash -c "$body" _ "$d" "$runs" "$cp"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
