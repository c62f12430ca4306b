#!/usr/bin/env bash
# Kill test for the kernel axis (run as root from the repository; rerunnable). KernelKillIT in
# `mvn verify` kills once during a boot and once during a probe; this repeats it at random moments.
#
#   bench/kernel-kill.sh [ROUNDS] [KERNEL]      default: 5 rounds of kernel 5.10
#   LAUNCHER=image bench/kernel-kill.sh ...     the guests boot from their kernel images in containers
#                                               (-Dfsconform.kernels.launcher; default: host)
#
# Each round starts `fsconform matrix --kernels KERNEL --only tmpfs@kernel-KERNEL` in a private work
# directory, SIGKILLs its JVM after a random 3..MAX_DELAY seconds (default 120: fetching, archive
# dump, boot, the guest's host lab, its probe), and counts what is still running 5 s later: any
# process naming the work directory (QEMU names its shares there) or an enclave it had started.
# Then one more matrix run (host lab, tmpfs; with LAUNCHER=image a kernel run through the image
# launcher, whose start reaps the containers' run directories) must reap every run directory the
# killed ones left; mounts and loop devices naming the work directory must be gone, and so must
# partial kernel builds and (image) every container whose command names the work directory.
# Exit 0 when nothing is left.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
KERNEL=${2:-5.10}
MAX_DELAY=${MAX_DELAY:-120}
LAUNCHER=${LAUNCHER:-host}
case $LAUNCHER in host|image) ;; *) echo "kernel-kill: LAUNCHER must be host or image" >&2; exit 2 ;; esac
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
[ "$(id -u)" = 0 ] || { echo "kernel-kill: needs root" >&2; exit 2; }
[ -f "$JAR" ] || { echo "kernel-kill: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d /var/tmp/fsconform-kernel-kill.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

containers() { # kernel containers whose command names the work directory
  docker ps -a --no-trunc --filter label=dev.fsconform.owner=fsconform --format '{{.ID}} {{.Command}}' | grep -F -- "$WORK/" || true
}
descendants() { # all processes below pid $1
  local c
  for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done
}

status=0
for i in $(seq 1 "$ROUNDS"); do
  java -Dfsconform.kernels.launcher="$LAUNCHER" -jar "$JAR" matrix --no-docker --kernels "$KERNEL" --only "tmpfs@kernel-$KERNEL" --work-dir "$WORK" \
      --out "$WORK/out-$i" >"$WORK/run-$i.log" 2>&1 &
  pid=$!
  delay=$(( (RANDOM % (MAX_DELAY - 2)) + 3 ))
  sleep "$delay"
  kids=$(descendants "$pid" | tr '\n' ' ')
  boxes=""
  [ "$LAUNCHER" = host ] || boxes=" and $(containers | grep -c . || true) container(s) of it"
  phase=$(grep -a '^kernel ' "$WORK/run-$i.log" | tail -1 | sed 's/, [0-9]* s$//' || true)
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sleep 5
  alive=""
  for k in $kids; do [ -d "/proc/$k" ] && alive="$alive $k($(tr '\0' ' ' < "/proc/$k/cmdline" | cut -c1-60))"; done
  naming=$(pgrep -af -- "$WORK/" | grep -v pgrep || true)
  [ "$LAUNCHER" = host ] || naming+=$(containers)
  echo "round $i: SIGKILL after ${delay}s (${phase:-before the first kernel line}): $(echo $kids | wc -w) process(es) below it$boxes, alive 5 s later:${alive:- none}"
  if [ -n "$alive$naming" ]; then echo "  still running: $alive $naming"; status=1; fi
done

if [ "$LAUNCHER" = host ]; then next=(--only tmpfs --apps none --jobs 1)
else next=(--kernels "$KERNEL" --only "tmpfs@kernel-$KERNEL"); fi
java -Dfsconform.kernels.launcher="$LAUNCHER" -jar "$JAR" matrix --no-docker "${next[@]}" --work-dir "$WORK" --out "$WORK/out-next" \
    >"$WORK/next.log" 2>&1 || { echo "the next run failed:"; tail -20 "$WORK/next.log"; status=1; }
grep -E '^(reaper:|reaped )' "$WORK/next.log" | sed 's/^/  /' || true
left=$(ls -d "$WORK"/fsconform-run-* "$WORK"/fsconform-containers-* 2>/dev/null || true)
[ "$LAUNCHER" = host ] || left+=$(containers)
mounts=$(grep -F "$WORK/" /proc/self/mountinfo || true)
loops=$(losetup -a | grep -F "$WORK/" || true)
cache=${FSCONFORM_IMAGE_CACHE:-/var/cache/fsconform}/kernels
partial=$(ls -d "$cache"/*.partial.* 2>/dev/null || true)
if [ -n "$left$mounts$loops" ]; then
  echo "FAIL: after the next run:"; printf '%s\n' "$left" "$mounts" "$loops" | sed '/^$/d; s/^/  /'; status=1
fi
[ -z "$partial" ] || echo "note: partial kernel builds in $cache (removed by that kernel's next build): $partial"
[ $status = 0 ] && echo "PASS: $ROUNDS SIGKILLs of kernel $KERNEL runs ($LAUNCHER launcher); nothing running, mounted, attached or left in $WORK"
exit $status
