#!/usr/bin/env bash
# Canary: the probe never writes outside its scratch directory, on any backend. Plants a canary tree in
# --work-dir beside the run directory and a second one bound read-only into it, runs `fsconform matrix`
# with the given arguments, and checks both trees byte for byte (content, mode, owner, times, inode
# numbers, link counts, xattrs: dev.fsconform.testsupport.Canary). With KILL_AFTER=SECONDS the matrix is
# SIGKILLed that long after it starts, or, with KILL_PROBE=ENV too, that long after the probe of ENV
# started in its container (mid-cell); then a second matrix (REAP_ARGS; default --only plain for a
# host-lab run, --only docker-host-tmpfs otherwise) runs, whose reapers remove what the killed one left.
# After it no process the killed JVM started may be alive, and no container or volume of its run may be
# left; the canaries are checked after both. Run as root from anywhere.
# Examples:
#   bench/canary.sh --no-docker                                   # the whole host lab
#   bench/canary.sh --only 'docker-host-*,podman-overlay-*'       # container environments
#   bench/canary.sh --no-docker --kernels 5.10 --only 'tmpfs@kernel-*'   # a kernel guest
#   KILL_AFTER=20 bench/canary.sh --no-docker                     # SIGKILL mid-cell, then the reaper
#   KILL_PROBE=podman-overlay-rootfs KILL_AFTER=5 bench/canary.sh --only podman-overlay-rootfs
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
[ "$(id -u)" = 0 ] || { echo "canary: needs root (bind mount, host lab)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "canary: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
if [ ! -f target/test-classes/dev/fsconform/testsupport/Canary.class ] || [ ! -f target/bench-classpath.txt ]; then
  mvn -q -B -o test-compile >/dev/null
  mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
fi
ROOT=$(mktemp -d /var/tmp/fsconform-canary.XXXXXX)
# A copy of the classes: a build in this checkout while the matrix runs must not take them away.
mkdir "$ROOT/cp"
cp -r target/test-classes target/classes "$ROOT/cp/"
CP="$ROOT/cp/test-classes:$ROOT/cp/classes:$(cat target/bench-classpath.txt)"
# --work-dir short: inner engines' and podman's API sockets live in the run directory under it, and a
# Unix socket path has at most 107 bytes (the run directory's name takes 57 of them).
WORK=$(mktemp -d /tmp/fc.XXXXXX)
chmod 755 "$WORK"   # rootless podman's user has its engine directory below it
OUT=$ROOT/out
mkdir -p "$OUT"
# KEEP=DIR keeps the matrix logs and results there.
cleanup() {
  [ -z "${KEEP:-}" ] || { mkdir -p "$KEEP"; cp "$ROOT"/*.log "$KEEP/" 2>/dev/null; for d in "$OUT"/*/; do [ -f "$d/matrix.json" ] && cp "$d/matrix.json" "$KEEP/$(basename "$d").json"; done; }
  umount "$WORK/canary-ro" 2>/dev/null || true; rm -rf "$ROOT" "$WORK"
}
trap cleanup EXIT
java -cp "$CP" dev.fsconform.testsupport.Canary plant "$WORK/canary" "$ROOT/canary.snap"
java -cp "$CP" dev.fsconform.testsupport.Canary plant "$ROOT/ro-source" "$ROOT/ro.snap"
mkdir "$WORK/canary-ro"
mount --bind "$ROOT/ro-source" "$WORK/canary-ro"
mount -o remount,bind,ro "$WORK/canary-ro"

echo "canary: fsconform matrix $* --work-dir $WORK (load: $(cut -d' ' -f1-3 /proc/loadavg))"
t0=$(date +%s)
if [ -n "${KILL_AFTER:-}" ]; then
  java -jar "$JAR" matrix "$@" --work-dir "$WORK" --out "$OUT/killed" >"$ROOT/killed.log" 2>&1 &
  pid=$!
  if [ -n "${KILL_PROBE:-}" ]; then
    # The probe's command line in the container ends its arguments with --name ENV.
    until pgrep -f -- "probe .*--name $KILL_PROBE( |\$)" >/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "canary: matrix ended before the probe of $KILL_PROBE started" >&2; exit 1; }
      sleep 1
    done
    echo "canary: the probe of $KILL_PROBE started $(( $(date +%s) - t0 )) s into the run"
  fi
  sleep "$KILL_AFTER"
  # Everything the JVM started (engine services, inner engines' clients, QEMU, image builds), by pid and
  # start time, so that a pid reused later is not mistaken for one of them.
  # One ps for the whole table: a ps per process takes seconds on a loaded machine, and the kill must come
  # while the cell runs.
  ps -eo pid=,ppid=,lstart= | awk -v root="$pid" '{ppid[$1] = $2; start[$1] = $3 " " $4 " " $5 " " $6 " " $7}
    END {n = 1; want[root]; do {n = 0; for (p in ppid) if ((ppid[p] in want) && !(p in want)) {want[p]; n++}} while (n)
      for (p in want) if (p != root) print p, start[p]}' >"$ROOT/children.txt"
  if kill -KILL "$pid" 2>/dev/null; then
    echo "canary: SIGKILLed matrix $pid after $(( $(date +%s) - t0 )) s ($(grep -c . "$ROOT/killed.log") progress lines, $(wc -l <"$ROOT/children.txt") processes below it)"
  else
    # A run that ended before the kill tested no kill: say so and fail rather than pass as one.
    echo "canary: the matrix had ended before the kill at $(( $(date +%s) - t0 )) s; choose a shorter KILL_AFTER" >&2
    missed=1
  fi
  wait "$pid" || true
  if [ -n "${REAP_ARGS:-}" ]; then read -ra reap <<<"$REAP_ARGS"
  elif [[ " $* " == *" --no-docker "* ]]; then reap=(--no-docker --only plain)
  else reap=(--only docker-host-tmpfs)
  fi
  java -jar "$JAR" matrix "${reap[@]}" --work-dir "$WORK" --out "$OUT/reaper" >"$ROOT/reaper.log" 2>&1 || true
  echo "canary: then matrix ${reap[*]}: $(grep -ci "reap\|removed" "$ROOT/reaper.log" || true) lines on what it removed"
  grep -i "reap\|removed" "$ROOT/reaper.log" | head -5 || true
  alive=0
  while read -r p started; do
    now=$(ps -o lstart= -p "$p" 2>/dev/null | xargs) || true
    [ -n "$now" ] && [ "$now" = "$(echo "$started" | xargs)" ] && { echo "canary: still alive: $(ps -o pid=,args= -p "$p" | cut -c1-160)"; alive=1; }
  done <"$ROOT/children.txt"
  # Labels are dev.fsconform.run=BOOT.PIDNS-PID-START.
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    left=$( { docker ps -a --filter label=dev.fsconform.owner=fsconform --format '{{.Names}} {{.Label "dev.fsconform.run"}}'
              docker volume ls --filter label=dev.fsconform.owner=fsconform --format '{{.Name}} {{.Label "dev.fsconform.run"}}'; } \
            | grep -E -- "-$pid-[0-9]+\$" || true)
    [ -z "$left" ] || { echo "canary: left by the killed run: $left"; alive=1; }
  fi
  [ "$alive" = 0 ] && echo "canary: nothing of the killed run left (processes, containers, volumes)"
else
  code=0
  java -jar "$JAR" matrix "$@" --work-dir "$WORK" --out "$OUT/run" >"$ROOT/run.log" 2>&1 || code=$?
  echo "canary: matrix exit $code in $(( $(date +%s) - t0 )) s; $(jq '[.environments[] | select(.status == "RAN")] | length' "$OUT/run/matrix.json") environments ran, $(jq '[.environments[].cells[] | select(.status == "RAN")] | length' "$OUT/run/matrix.json") cells, of which EXCHANGE/WHITEOUT $(jq '[.environments[].cells[] | select(.status == "RAN" and (.operation == "renameat2-exchange" or .operation == "renameat2-whiteout"))] | length' "$OUT/run/matrix.json")"
  jq -r '.environments[] | select(.status != "RAN") | "canary: \(.name) \(.status): \(.reason // "" | .[0:200])"' "$OUT/run/matrix.json"
fi
ok=${alive:-0}
[ -z "${missed:-}" ] || ok=1
java -cp "$CP" dev.fsconform.testsupport.Canary check "$WORK/canary" "$ROOT/canary.snap" || ok=1
java -cp "$CP" dev.fsconform.testsupport.Canary check "$ROOT/ro-source" "$ROOT/ro.snap" || ok=1
grep -F " $WORK/canary-ro " /proc/self/mountinfo | awk '{print "canary: read-only bind still mounted, options " $6}'
left=$(ls "$WORK" | grep -v '^canary' || true)
[ -z "$left" ] || { echo "canary: left in --work-dir: $left"; ok=1; }
exit "$ok"
