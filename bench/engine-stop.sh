#!/usr/bin/env bash
# The Docker engine stops in the middle of the container phase (root; rerunnable; from anywhere).
#
# Never touches the machine's own engine: starts a PRIVATE dockerd (its own data root, exec root,
# socket and pidfile, no bridge, no iptables), loads fsconform's base image into it, and points a
# matrix at it through DOCKER_HOST. Once the first container environment is done, the private engine
# is stopped (SIGTERM, as `systemctl stop docker` does). Then:
#   - the matrix must end (no hang), write matrix.json and matrix.html, keep every host-lab result,
#     and give each container environment not yet done SETUP_ERROR with the engine's loss as reason;
#   - the engine is started again on the same data root, and a next matrix against it must reap every
#     container and volume the first left and complete; nothing labelled dev.fsconform.* stays.
# Prints what each step produced; exit 0 when all of that holds.
#
#   bench/engine-stop.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
ONLY=${ONLY:-plain,tmpfs,docker-host-*}
[ "$(id -u)" = 0 ] || { echo "engine-stop: needs root (it starts a dockerd)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "engine-stop: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
JAR=$(readlink -f "$JAR")
BASE=$(docker images --format '{{.Repository}}:{{.Tag}}' 'fsconform/base' | head -1)
[ -n "$BASE" ] || { echo "engine-stop: no fsconform/base image on the machine's engine: run a container matrix once" >&2; exit 2; }
W=$(mktemp -d /var/tmp/fsconform-engine-stop.XXXXXX)
EXEC=$(mktemp -d /run/fsconform-es.XXXXXX)
SOCK=$EXEC/docker.sock
export DOCKER_HOST=unix://$SOCK
PRIVATE=(docker -H "$DOCKER_HOST")

engine_start() {
    dockerd --data-root "$W/data" --exec-root "$EXEC" --pidfile "$EXEC/docker.pid" -H "$DOCKER_HOST" \
        --bridge=none --iptables=false --ip6tables=false --storage-driver=overlay2 >>"$W/dockerd.log" 2>&1 &
    DPID=$!
    for _ in $(seq 1 120); do "${PRIVATE[@]}" version >/dev/null 2>&1 && return; sleep 0.5; done
    echo "engine-stop: the private dockerd did not come up:"; tail -5 "$W/dockerd.log"; exit 1
}
engine_stop() {
    kill -TERM "$DPID" 2>/dev/null || true
    wait "$DPID" 2>/dev/null || true
}
cleanup() {
    if "${PRIVATE[@]}" version >/dev/null 2>&1; then
        "${PRIVATE[@]}" ps -aq | xargs -r "${PRIVATE[@]}" rm -f >/dev/null 2>&1 || true
        engine_stop
    fi
    # Only the private engine's own trees: its mounts (overlay layers, netns) go first.
    grep -F -e "$W" -e "$EXEC" /proc/self/mountinfo | awk '{print $5}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$W" "$EXEC"
}
trap cleanup EXIT
labelled() {
    { "${PRIVATE[@]}" ps -a --filter label=dev.fsconform.owner --format 'container {{.ID}} {{.Label "dev.fsconform.env"}}'
      "${PRIVATE[@]}" volume ls --filter label=dev.fsconform.owner --format 'volume {{.Name}}'; } 2>/dev/null || true
}

engine_start
env -u DOCKER_HOST docker save "$BASE" | "${PRIVATE[@]}" load -q >/dev/null
echo "engine-stop: private dockerd $("${PRIVATE[@]}" version -f '{{.Server.Version}}') at $SOCK, base image $BASE; load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. A matrix against it; the engine goes once the first container environment is reported.
mkdir -p "$W/out1" "$W/out2"
t0=$(date +%s)
( cd "$W" && exec java -jar "$JAR" matrix --only "$ONLY" --apps none --out "$W/out1" ) >"$W/run1.log" 2>&1 &
run=$!
while kill -0 "$run" 2>/dev/null && ! grep -qE '^docker-host-[a-z-]+ +(RAN|SKIPPED|SETUP_ERROR)' "$W/run1.log"; do sleep 0.2; done
stopped_at=$(( $(date +%s) - t0 ))
echo "engine-stop: stopping the private engine ${stopped_at} s into the run, after: $(grep -E '^docker-host-' "$W/run1.log" | head -1 | cut -c1-60)"
engine_stop
set +e; wait "$run"; code=$?; set -e
echo "engine-stop: the matrix ended $(( $(date +%s) - t0 )) s after its start, exit $code"
grep -E '^ +[a-z0-9@-]+ +(RAN|SKIPPED|SETUP_ERROR|TIMEOUT) ' "$W/run1.log" | sed 's/^/    /' || true
status=0
[ -f "$W/out1/matrix.json" ] && [ -f "$W/out1/matrix.html" ] || { echo "FAIL: no matrix.json/matrix.html"; status=1; }
for env in ${ONLY//,/ }; do
    case $env in docker-*) continue ;; esac
    grep -qE "^ +$env +RAN " "$W/run1.log" || { echo "FAIL: host result $env missing or not RAN"; status=1; }
done
after=$(grep -A1000 -E '^docker-host-[a-z-]+ +(RAN|SKIPPED|SETUP_ERROR)' "$W/run1.log" | head -1 | awk '{print $1}')
grep -E '^ +docker-host-[a-z-]+ +SETUP_ERROR ' "$W/run1.log" | grep -v -E "^ +$after " >/dev/null \
    || { echo "FAIL: no container environment after the stop is SETUP_ERROR"; status=1; }
[ "$code" = 1 ] || { echo "FAIL: exit $code, expected 1 (set-up errors)"; status=1; }

# 2. The engine back: what the first run left, and a next run that reaps it.
engine_start
left=$(labelled)
echo "engine-stop: back up; labelled things of the first run: $(echo -n "$left" | grep -c . || true)"
[ -z "$left" ] || echo "$left" | sed 's/^/    /'
( cd "$W" && exec java -jar "$JAR" matrix --only docker-host-tmpfs --apps none --out "$W/out2" ) >"$W/run2.log" 2>&1 \
    && echo "engine-stop: next run completed" || { echo "FAIL: next run failed:"; tail -5 "$W/run2.log"; status=1; }
grep -E '^reaped ' "$W/run2.log" | sed 's/^/    /' || true
still=$(labelled)
[ -z "$still" ] || { echo "FAIL: still labelled after the next run:"; echo "$still" | sed 's/^/    /'; status=1; }
ls -d /var/tmp/fsconform-containers-*-"$run"-* 2>/dev/null && { echo "FAIL: the first run's directory is still there"; status=1; }
[ "$status" = 0 ] && echo "PASS: engine stopped mid-run; the rest SETUP_ERROR, host results written, nothing left once it was back"
exit $status
