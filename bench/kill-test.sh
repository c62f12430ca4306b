#!/usr/bin/env bash
# Kill test for the host lab's clean-up (run as root from anywhere; rerunnable).
#
# 1. Starts `fsconform matrix` and SIGKILLs it at a random moment, ROUNDS times (default 5), and reports
#    what each kill left: marked run directories, mounts, loop devices, processes naming them.
# 2. Interrupts it with SIGINT (Ctrl-C) and SIGTERM once each: the shutdown hook must leave nothing.
# 3. Runs the matrix again (--only plain: the reaper runs first, whatever is selected), which must
#    remove everything the killed runs left.
# Passes (exit 0) when nothing of any of these runs is left in /proc/self/mountinfo, `losetup -a`,
# /var/tmp, /dev/shm or the process table. Only runs it started are looked at. A matrix started
# meanwhile from another checkout may reap a killed run's directories before they are counted:
# that is the reaper working, not a miss.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
ROUNDS=${ROUNDS:-5}
MAX_DELAY_TENTHS=${MAX_DELAY_TENTHS:-150}
[ "$(id -u)" = 0 ] || { echo "kill-test: needs root (the lab mounts filesystems)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "kill-test: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
OUT=$(mktemp -d /tmp/fsconform-kill-test.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
PIDS=()

# What runs with these pids left: one line per leftover.
leftovers() {
    local pid
    for pid in "$@"; do
        local mark="fsconform-run-$pid-"
        ls -d /var/tmp/"$mark"* /dev/shm/"$mark"* 2>/dev/null | sed 's/^/dir   /' || true
        grep -F "$mark" /proc/self/mountinfo | awk '{print "mount " $5}' || true
        losetup -a | grep -F "$mark" | sed 's/^/loop  /' || true
        pgrep -af -- "$mark" | grep -v pgrep | sed 's/^/proc  /' || true
    done
}

# Starts a matrix in the background (a child of this shell, so `wait` works); its pid goes to $pid.
start_matrix() {  # $1: tag, then extra matrix arguments
    local tag=$1; shift
    java -jar "$JAR" matrix --out "$OUT/$tag" "$@" >"$OUT/$tag.log" 2>&1 &
    pid=$!
}

for i in $(seq 1 "$ROUNDS"); do
    start_matrix "kill-$i"
    PIDS+=("$pid")
    delay=$(awk -v t=$(( (RANDOM % MAX_DELAY_TENTHS) + 3 )) 'BEGIN { printf "%.1f", t / 10 }')
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    sleep 0.5
    left=$(leftovers "$pid")
    echo "SIGKILL round $i after ${delay}s (pid $pid, last progress: $(grep '^\[' "$OUT/kill-$i.log" | tail -1 | cut -c1-40)): $(echo -n "$left" | grep -c . || true) leftover(s)"
    [ -z "$left" ] || echo "$left" | sed 's/^/    /'
done

status=0
for sig in INT TERM; do
    start_matrix "sig-$sig"
    PIDS+=("$pid")
    sleep "$(awk -v t=$(( (RANDOM % 80) + 20 )) 'BEGIN { printf "%.1f", t / 10 }')"
    kill -"$sig" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    left=$(leftovers "$pid")
    if [ -n "$left" ]; then
        echo "SIG$sig: the shutdown hook left:"; echo "$left" | sed 's/^/    /'; status=1
    else
        echo "SIG$sig: nothing left behind"
    fi
done

start_matrix final --only plain
final=$pid
wait "$final" || { echo "kill-test: the final matrix run failed:"; tail -20 "$OUT/final.log"; status=1; }
grep '^reaper:' "$OUT/final.log" | sed 's/^/    /' || true
left=$(leftovers "${PIDS[@]}" "$final")
if [ -n "$left" ]; then
    echo "FAIL: after the final run these are still there:"; echo "$left" | sed 's/^/    /'
    exit 1
fi
echo "PASS: $ROUNDS SIGKILLs, SIGINT and SIGTERM; nothing left in mounts, loop devices, /var/tmp, /dev/shm or processes"
exit $status
