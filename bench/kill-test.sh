#!/usr/bin/env bash
# SIGKILL test across every phase of a run (root; rerunnable; from anywhere).
#
# KILLS times (default 20) a run is started and SIGKILLed at a moment drawn from SEED: in the host lab,
# in the container phase (image check, inner engine start-up, probe containers), in a kernel guest (from
# the start of QEMU's boot, through the probe inside it) and while `report` writes matrix.json and matrix.html. After each kill
# a next run of the same kind starts; it must reap what the killed one left and complete (exit 0).
# Prints one table row per kill: phase, moment, what the kill left, what the next run reaped, whether
# nothing of the killed run remains afterwards and the next run completed. Exit 0 only if every row
# says yes. Then SIGINT and SIGTERM once each: the shutdown hook alone must leave nothing.
#
# Leftovers are looked for by the killed run's pid only: run directories under /var/tmp and /dev/shm,
# mounts, loop devices and processes (QEMU included) naming them, containers and volumes whose
# dev.fsconform.run label names the pid, the container run directory, and temporary files in the
# output directory. A run started meanwhile from another checkout may reap them first: that is the
# reaper working.
#
#   SEED=7 KILLS=20 bench/kill-test.sh          # the figures in docs/reliability.md
#   PHASES="host container" KILLS=4 bench/kill-test.sh
#   PHASES=kernel KERNEL_TENTHS=350 bench/kill-test.sh   # kernel moments within 35 s of the boot
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
KILLS=${KILLS:-20}
SEED=${SEED:-$RANDOM}
PHASES=${PHASES:-host container kernel report}
KERNEL=${KERNEL:-sid}
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
        container) echo "matrix --only docker-host-*,docker-overlay2-rootfs,docker-vfs-volume --apps none" ;;
        kernel) echo "matrix --no-docker --kernels $KERNEL --only tmpfs@kernel-$KERNEL --apps none" ;;
        report) echo "report --out $OUT/report $OUT/inputs/*" ;;
    esac
}
next_args() {  # $1 phase
    case $1 in
        container) echo "matrix --only docker-host-tmpfs --apps none" ;;
        report) echo "report --out $OUT/report $OUT/inputs/*" ;;
        *) echo "matrix --no-docker --only plain --apps none" ;;
    esac
}
# The line from which a phase's moment is counted: the run's first line, or the guest's boot (resolving
# the kernel's packages before it is no VM yet).
start_mark() {  # $1 phase
    case $1 in
        kernel) echo ': booting' ;;
        *) echo . ;;
    esac
}
# Tenths of a second after that line at which the run is killed, per phase: spread over what it does.
moment() {  # $1 phase
    case $1 in
        host) echo $(( RANDOM % 250 + 2 )) ;;
        container) echo $(( RANDOM % 600 + 5 )) ;;
        kernel) echo $(( RANDOM % ${KERNEL_TENTHS:-900} + 5 )) ;;
        report) echo 0 ;;
    esac
}

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
printf '%-3s %-9s %-9s %-38s %-34s %-20s %s\n' "#" phase moment "last progress before the kill" "left by the kill" "reaped by next run" "clean+completed"
status=0
for i in $(seq 1 "$KILLS"); do
    phase=${PHASE_LIST[$(( (i - 1) % ${#PHASE_LIST[@]} ))]}
    tenths=$(moment "$phase")
    log=$OUT/kill-$i.log
    dir=$OUT/run-$i; mkdir -p "$dir"
    [ "$phase" = report ] && dir=$OUT/report
    # shellcheck disable=SC2046
    ( cd "$dir" && exec java -jar "$JAR" $(phase_args "$phase" | sed "s|--apps none|--apps none --out $dir|; s|^report|report|") ) >"$log" 2>&1 &
    pid=$!
    if [ "$phase" = report ]; then
        # The moment is the first temporary file of the pair appearing, then a random 0-9 ms more.
        t0=$(date +%s%N)
        while kill -0 "$pid" 2>/dev/null && ! compgen -G "$dir/.fsconform-$pid.*" >/dev/null; do :; done
        sleep "0.00$(( RANDOM % 10 ))"
        at="tmp@$(awk -v n=$(( ($(date +%s%N) - t0) / 1000000 )) 'BEGIN { printf "%.1f", n / 1000 }')s"
    else
        while kill -0 "$pid" 2>/dev/null && ! grep -q -- "$(start_mark "$phase")" "$log"; do sleep 0.05; done
        sleep "$(awk -v t="$tenths" 'BEGIN { printf "%.1f", t / 10 }')"
        at="$(awk -v t="$tenths" 'BEGIN { printf "%.1f", t / 10 }')s"
    fi
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
    [ "$alive" = yes ] || at="$at, $alive"
    printf '%-3s %-9s %-9s %-38s %-34s %-20s %s\n' "$i" "$phase" "$at" "${last:-(no output)}" "$(echo -n "$left" | summary)" \
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
[ "$status" = 0 ] && echo "PASS: $KILLS SIGKILLs (seed $SEED), every one reaped by the next run, which completed" \
    || echo "FAIL: see the rows above (logs were in $OUT)"
exit $status
