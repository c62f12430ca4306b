#!/usr/bin/env bash
# SIGKILL test across every phase of a run (root; rerunnable; from anywhere).
#
# KILLS times (default 20) a run is started and SIGKILLed in one phase, in turn: the host lab, the
# container set-up (image check, inner engine start-up), a probe container running, a kernel guest's
# boot, the guest's own host lab after the boot, and `report` writing matrix.json and matrix.html. Each
# phase has a marker that shows it has begun (a progress line, the run's container directory, a running
# probe container labelled with the run, the guest's console and progress files, the writer's first
# temporary file); the kill comes a moment drawn from SEED after it, and the row says which phase the
# run was really in at the kill (a phase that ended first shows as what it ran into). After each kill a
# next run starts; it must reap what the killed one left and complete (exit 0). Prints one row per
# kill: phase, moment, what the kill left, what the next run reaped, whether nothing of the killed run
# remains afterwards and the next run completed. Exit 0 only if every row says yes; the last lines
# count the phases hit. Then SIGINT and SIGTERM once each: the shutdown hook alone must leave nothing.
#
# Leftovers are looked for by the killed run's pid only: run directories under /var/tmp and /dev/shm,
# mounts, loop devices and processes (QEMU included) naming them, containers and volumes whose
# dev.fsconform.run label names the pid, the container run directory, and temporary files in the
# output directory. A run started meanwhile from another checkout may reap them first: that is the
# reaper working.
#
#   SEED=7 KILLS=20 bench/kill-test.sh            # the figures in docs/reliability.md
#   PHASES="host container-probe" KILLS=4 bench/kill-test.sh
#   KERNEL=5.10 PHASES="kernel-boot kernel-probe" KILLS=2 bench/kill-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
KILLS=${KILLS:-20}
SEED=${SEED:-$RANDOM}
PHASES=${PHASES:-host container-setup container-probe kernel-boot kernel-probe report}
# The smallest kernel selection that reaches the guest's probe: one kernel, one environment.
KERNEL=${KERNEL:-6.12}
SIGNALS=${SIGNALS:-yes}
[ "$(id -u)" = 0 ] || { echo "kill-test: needs root (the lab mounts filesystems)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "kill-test: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
JAR=$(readlink -f "$JAR")
OUT=$(mktemp -d /tmp/fsconform-kill-test.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
RANDOM=$SEED
read -r -a PHASE_LIST <<<"$PHASES"
DOCKER=$(command -v docker || true)

# The runs of each phase: what is killed, and the next run that must reap it and complete.
phase_args() {  # $1 phase
    case $1 in
        host) echo "matrix --no-docker --apps none" ;;
        # An inner engine's start-up is the longest set-up; the Docker-API environments run probe containers.
        container-setup) echo "matrix --only docker-overlay2-rootfs --apps none" ;;
        container-probe) echo "matrix --only docker-host-*,docker-vfs-volume --apps none" ;;
        kernel-*) echo "matrix --no-docker --kernels $KERNEL --only tmpfs@kernel-$KERNEL --apps none" ;;
        report) echo "report --out $OUT/report $OUT/inputs/*" ;;
    esac
}
next_args() {  # $1 phase
    case $1 in
        container-*) echo "matrix --only docker-host-tmpfs --apps none" ;;
        report) echo "report --out $OUT/report $OUT/inputs/*" ;;
        *) echo "matrix --no-docker --only plain --apps none" ;;
    esac
}
# Probe containers of run $1 running (not inner engines, which carry a driver label).
probe_containers() {
    [ -n "$DOCKER" ] || return 1
    docker ps --filter label=dev.fsconform.run --format '{{.Label "dev.fsconform.run"}} {{.Label "dev.fsconform.driver"}}' \
        2>/dev/null | awk -v p="-$1-" 'index($1, p) && $2 == "" {n++} END {exit !n}'
}
guest_file() { compgen -G "/var/tmp/fsconform-run-$1-*/kernel-*/out/$2" >/dev/null; }
guest_lab() { guest_file "$1" progress.log || grep -qs 'fsconform-guest: host lab starting' /var/tmp/fsconform-run-"$1"-*/kernel-*/out/console.log; }
# Whether phase $1 of run $2 (log $3) has begun.
begun() {
    case $1 in
        host) grep -q '^fsconform matrix: ' "$3" ;;
        container-setup) compgen -G "/var/tmp/fsconform-containers-*-$2-*" >/dev/null ;;
        container-probe) probe_containers "$2" ;;
        kernel-boot) grep -q ': booting' "$3" || guest_file "$2" console.log ;;
        kernel-probe) guest_lab "$2" ;;
        report) compgen -G "$OUT/report/.fsconform-$2.*" >/dev/null ;;
    esac
}
# Which phase run $1 (log $2) is in now, from what it shows.
now_in() {
    if grep -q '^kernel ' "$2" || guest_file "$1" console.log; then
        if guest_file "$1" exit-status; then echo "kernel-after"; elif guest_lab "$1"; then echo kernel-probe; else echo kernel-boot; fi
    elif compgen -G "/var/tmp/fsconform-containers-*-$1-*" >/dev/null; then
        # Set-up ends when an engine is ready; probes inside an inner engine are not seen from here.
        if probe_containers "$1"; then echo container-probe
        elif grep -q '^engine .* ready in' "$2"; then echo container-between
        else echo container-setup; fi
    else
        echo host
    fi
}
# Tenths of a second after the marker at which the run is killed: spread over what the phase does here.
moment() {  # $1 phase
    case $1 in
        host) echo $(( RANDOM % 250 + 2 )) ;;
        container-setup) echo $(( RANDOM % 300 )) ;;
        container-probe) echo $(( RANDOM % 30 )) ;;
        kernel-boot) echo $(( RANDOM % ${BOOT_TENTHS:-600} )) ;;
        kernel-probe) echo $(( RANDOM % ${PROBE_TENTHS:-300} )) ;;
        report) echo $(( RANDOM % 10 )) ;;
    esac
}
# How long a phase may take to begin, in seconds (image builds and kernel fetches wait on other runs).
MARK_WAIT=${MARK_WAIT:-3600}

# What the run with this pid left: one line per leftover.
leftovers() {  # $1 pid, $2 output directory
    local pid=$1 mark="fsconform-run-$1-"
    ls -d /var/tmp/"$mark"* /dev/shm/"$mark"* 2>/dev/null | sed 's/^/dir    /' || true
    ls -d /var/tmp/fsconform-containers-*-"$pid"-* 2>/dev/null | sed 's/^/dir    /' || true
    ls -d "$2"/.fsconform-"$pid".* 2>/dev/null | sed 's/^/tmp    /' || true
    grep -F "$mark" /proc/self/mountinfo | awk '{print "mount  " $5}' || true
    losetup -a | grep -F "$mark" | sed 's/^/loop   /' || true
    pgrep -af -- "$mark|fsconform-containers-[^ /]*-$pid-" | grep -v -e pgrep -e kill-test | sed 's/^/proc   /' || true
    if [ -n "$DOCKER" ]; then
        docker ps -a --filter label=dev.fsconform.run --format '{{.ID}} {{.Label "dev.fsconform.run"}}' 2>/dev/null \
            | awk -v p="-$pid-" 'index($2, p) {print "ctr    " $1}' || true
        docker volume ls --filter label=dev.fsconform.run --format '{{.Name}} {{.Label "dev.fsconform.run"}}' 2>/dev/null \
            | awk -v p="-$pid-" 'index($2, p) {print "volume " $1}' || true
    fi
}
summary() {  # leftover lines on stdin -> "3 (2 dir, 1 mount)" or "none"
    awk '{n++; k[$1]++} END {if (!n) {print "none"; exit} s=""; for (x in k) s=s (s ? ", " : "") k[x] " " x; print n " (" s ")"}'
}

# Inputs for the report phase: every recorded results file, so writing takes long enough to be hit.
mkdir -p "$OUT/inputs" "$OUT/report"
for f in src/test/resources/recorded/*.json.gz; do cp "$f" "$OUT/inputs/"; done
java -jar "$JAR" report --out "$OUT/report" "$OUT"/inputs/* >/dev/null 2>&1 || { echo "kill-test: the first report failed" >&2; exit 1; }
sha_before=$(sha256sum "$OUT/report/matrix.json" | cut -c1-64)

printf 'kill-test: seed %s, %s kills over: %s; load %s\n' "$SEED" "$KILLS" "$PHASES" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-3s %-15s %-16s %-38s %-34s %-20s %s\n' "#" phase moment "last progress before the kill" "left by the kill" "reaped by next run" "clean+completed"
status=0 covered=''
for i in $(seq 1 "$KILLS"); do
    phase=${PHASE_LIST[$(( (i - 1) % ${#PHASE_LIST[@]} ))]}
    tenths=$(moment "$phase")
    log=$OUT/kill-$i.log
    dir=$OUT/run-$i; mkdir -p "$dir"
    [ "$phase" = report ] && dir=$OUT/report
    # shellcheck disable=SC2046
    ( cd "$dir" && exec java -jar "$JAR" $(phase_args "$phase" | sed "s|--apps none|--apps none --out $dir|; s|^report|report|") ) >"$log" 2>&1 &
    pid=$!
    # Wait for the phase's marker, then the moment; the report's moment is in milliseconds.
    t0=$(date +%s)
    while kill -0 "$pid" 2>/dev/null && ! begun "$phase" "$pid" "$log" && [ $(( $(date +%s) - t0 )) -lt "$MARK_WAIT" ]; do
        [ "$phase" = report ] || sleep 0.1
    done
    marked=$(( $(date +%s) - t0 ))
    if [ "$phase" = report ]; then
        sleep "0.00$tenths"; at="tmp+${tenths}ms"
    else
        # Killed at the moment, or as the phase ends if it ends first.
        end=$(( $(date +%s%N) / 100000000 + tenths ))
        while [ $(( $(date +%s%N) / 100000000 )) -lt "$end" ] && [ "$(now_in "$pid" "$log")" = "$phase" ]; do sleep 0.1; done
        waited=$(( $(date +%s%N) / 100000000 - end + tenths ))
        at="mark@${marked}s+$(awk -v t="$waited" 'BEGIN { printf "%.1f", t / 10 }')s"
    fi
    hit=$phase; [ "$phase" = report ] || hit=$(now_in "$pid" "$log")
    alive=yes; kill -0 "$pid" 2>/dev/null || alive="no (ended first)"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    sleep 0.5
    last=$( { grep -v '^\s*$' "$log" || true; } | tail -1 | tr -s ' ' | cut -c1-38)
    left=$(leftovers "$pid" "$dir")
    # The next run of the same kind, in its own output directory (the report phase's is the same one).
    nlog=$OUT/next-$i.log
    ndir=$dir; [ "$phase" = report ] || { ndir=$OUT/next-$i; mkdir -p "$ndir"; }
    # shellcheck disable=SC2046
    if ( cd "$ndir" && exec java -jar "$JAR" $(next_args "$phase" | sed "s|--apps none|--apps none --out $ndir|") ) >"$nlog" 2>&1; then
        completed=yes
    else
        completed="no (exit $?)"
    fi
    after=$(leftovers "$pid" "$dir")
    if [ "$phase" = report ]; then
        # The writer removes stale temporary files without a word: count what went.
        reaped="$(( $(echo -n "$left" | grep -c . || true) - $(echo -n "$after" | grep -c . || true) )) tmp file(s)"
    else
        reaped="$(grep -cE '^reaper: removed|^reaped ' "$nlog" || true) line(s)"
    fi
    verdict=yes
    [ -z "$after" ] && [ "$completed" = yes ] || { verdict=NO; status=1; }
    if [ "$phase" = report ]; then
        # No partial file ever: matrix.json is the earlier one or a complete new one (same inputs, same bytes
        # but for the generation time), and it parses.
        java -jar "$JAR" grade "$dir/matrix.json" >/dev/null 2>&1 || { verdict="NO (matrix.json unreadable)"; status=1; }
    fi
    [ "$alive" = yes ] || { at="$at, $alive"; hit=ended; }
    shown=$phase; [ "$hit" = "$phase" ] || shown="$phase, hit $hit"
    covered+=" $hit"
    printf '%-3s %-15s %-16s %-38s %-34s %-20s %s\n' "$i" "$shown" "$at" "${last:-(no output)}" "$(echo -n "$left" | summary)" \
        "$reaped" "$verdict"
    [ -z "$after" ] || echo "$after" | sed 's/^/      still there: /'
    [ "$completed" = yes ] || tail -3 "$nlog" | sed 's/^/      next run: /'
done

if [ "$SIGNALS" = yes ]; then
    for sig in INT TERM; do
        dir=$OUT/sig-$sig; mkdir -p "$dir"
        java -jar "$JAR" matrix --no-docker --apps none --out "$dir" >"$dir.log" 2>&1 &
        pid=$!
        sleep "$(awk -v t=$(( (RANDOM % 80) + 20 )) 'BEGIN { printf "%.1f", t / 10 }')"
        kill -"$sig" "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        left=$(leftovers "$pid" "$dir")
        if [ -n "$left" ]; then
            echo "SIG$sig: the shutdown hook left:"; echo "$left" | sed 's/^/    /'; status=1
        else
            echo "SIG$sig: nothing left behind"
        fi
    done
fi
echo "phases hit:$(tr ' ' '\n' <<<"$covered" | sed '/^$/d' | sort | uniq -c | awk '{printf " %s %s", $2, $1}')"
[ "$status" = 0 ] && echo "PASS: $KILLS SIGKILLs (seed $SEED), every one reaped by the next run, which completed" \
    || echo "FAIL: see the rows above (logs were in $OUT)"
exit $status
