#!/usr/bin/env bash
# Probe benchmark: in-process cost per cell on tmpfs, and wall time of a whole `probe` process.
# Usage: bench/probe.sh [RUNS [JOBS]]   (as root it mounts its own tmpfs in a private mount namespace)
# JOBS (default: the available processors) is the parallel figure; every figure is also taken with one worker.
# Prints the load average before and after: on a shared machine only a comparison under one load counts.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
jobs="${2:-$(nproc)}"
mvn -q -B package -DskipTests -Dfsconform.it.skip=true >/dev/null 2>&1
mvn -q -B test-compile >/dev/null 2>&1
cp="target/test-classes:target/fsconform.jar"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

body='
set -euo pipefail
dir="$1"; runs="$2"; cp="$3"; jobs="$4"
for j in 1 "$jobs"; do
  echo "== in-process cost per cell on $(stat -f -c %T "$dir") (10 rounds after 3 warm-up rounds), $j worker(s)"
  java -cp "$cp" dev.fsconform.bench.ProbeBench "$dir" 10 "$j"
done
echo "== whole probe process through ./fsconform (same launcher, same JVM flags and class-data archive) against a bare --help, $runs interleaved pairs"
./fsconform --help >/dev/null # the first use dumps the class-data archive
probe=(); help=(); seq1=(); pcpu=0; hcpu=0; scpu=0
for i in $(seq "$runs"); do
  s=$(date +%s%N); /usr/bin/time -o "$dir/.help-cpu" -f "%U %S" ./fsconform --help >/dev/null; m=$(date +%s%N)
  /usr/bin/time -o "$dir/.probe-cpu" -f "%U %S" ./fsconform probe "$dir" --quiet --jobs "$jobs"; e=$(date +%s%N)
  /usr/bin/time -o "$dir/.seq-cpu" -f "%U %S" ./fsconform probe "$dir" --quiet --jobs 1; f=$(date +%s%N)
  help+=($(( (m - s) / 1000000 ))); probe+=($(( (e - m) / 1000000 ))); seq1+=($(( (f - e) / 1000000 )))
  hcpu=$(awk -v t="$hcpu" "{print t + \$1 + \$2}" "$dir/.help-cpu"); pcpu=$(awk -v t="$pcpu" "{print t + \$1 + \$2}" "$dir/.probe-cpu")
  scpu=$(awk -v t="$scpu" "{print t + \$1 + \$2}" "$dir/.seq-cpu")
done
rm -f "$dir/.help-cpu" "$dir/.probe-cpu" "$dir/.seq-cpu"
med() { printf "%s\n" "$@" | sort -n | awk "{a[NR]=\$1} END {printf \"median %d ms  min %d ms  max %d ms\", a[int((NR+1)/2)], a[1], a[NR]}"; }
echo "probe --quiet --jobs $jobs  $(med "${probe[@]}")"
echo "probe --quiet --jobs 1  $(med "${seq1[@]}")"
echo "--help         $(med "${help[@]}")"
ph=$(printf "%s\n" "${probe[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
hh=$(printf "%s\n" "${help[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "ratio of medians $(awk "BEGIN {printf \"%.2f\", $ph / $hh}")"
sh1=$(printf "%s\n" "${seq1[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "ratio of medians, one worker $(awk "BEGIN {printf \"%.2f\", $sh1 / $hh}"), CPU per process $(awk "BEGIN {printf \"%.0f\", $scpu * 1000 / $runs}") ms"
echo "CPU (user + sys, children included) per process: probe $(awk "BEGIN {printf \"%.0f\", $pcpu * 1000 / $runs}") ms, --help $(awk "BEGIN {printf \"%.0f\", $hcpu * 1000 / $runs}") ms, ratio $(awk "BEGIN {printf \"%.2f\", $pcpu / $hcpu}")"
'
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  d="$(mktemp -d)"
  trap 'rmdir "$d"' EXIT
  unshare --mount --propagation private bash -c "mount -t tmpfs bench \"\$1\" && shift && $body" _ "$d" "$d" "$runs" "$cp" "$jobs"
else
  d="$(mktemp -d -p /dev/shm)"
  trap 'rm -rf "$d"' EXIT
  bash -c "$body" _ "$d" "$runs" "$cp" "$jobs"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
