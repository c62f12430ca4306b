#!/usr/bin/env bash
# Runs at the same time on one host and one engine (root; rerunnable; from anywhere): two matrices, a
# matrix and a validate, two validates. Each pair starts a few seconds apart, so the second's reaper
# runs while the first's run directories, mounts, containers and volumes are live. Every run must
# succeed (exit 0), and no run's reaper may name the other run's pid. Prints one line per pair.
#
#   bench/concurrency.sh
#   MATRIX_ONLY=plain,tmpfs,overlay-*,docker-host-* bench/concurrency.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FSCONFORM_JAR:-target/fsconform.jar}
MATRIX_ONLY=${MATRIX_ONLY:-plain,tmpfs,ext4,docker-host-tmpfs,docker-host-volume}
STAGGER=${STAGGER:-4}
[ "$(id -u)" = 0 ] || { echo "concurrency: needs root (the lab mounts filesystems)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "concurrency: no $JAR: build it with mvn -o -q package -DskipTests" >&2; exit 2; }
JAR=$(readlink -f "$JAR")
IMAGE=${IMAGE:-$(docker images --format '{{.Repository}}:{{.Tag}}' 'fsconform/base' | head -1)}
OUT=$(mktemp -d /tmp/fsconform-concurrency.XXXXXX)
KEEP=no
trap '[ "$KEEP" = yes ] || rm -rf "$OUT"' EXIT

# Starts one run in the background; its pid goes to $pid. $1: tag, $2: matrix|validate-image|validate-exec
start() {
    local tag=$1 kind=$2 dir=$OUT/$1
    mkdir -p "$dir/out" "$dir/ws"
    case $kind in
        matrix) set -- matrix --only "$MATRIX_ONLY" --apps none --out "$dir/out" ;;
        validate-image) set -- validate --image "$IMAGE" --dir /tmp --apps none --out "$dir/out" ;;
        validate-exec) set -- validate --exec "env -i" --dir "$dir/ws" --apps none --out "$dir/out" ;;
    esac
    ( cd "$dir" && exec java -jar "$JAR" "$@" ) >"$dir.log" 2>&1 &
    pid=$!
}

# Lines of $1's log in which its reaper removed something of pid $2.
foreign_reaps() {
    grep -E '^reaper: |^reaped ' "$OUT/$1.log" | grep -E -- "fsconform-run-$2-|-$2-[0-9]+( |$)" || true
}

pair() {  # $1 name, $2 kind A, $3 kind B
    local t0 a b ca cb verdict=yes
    t0=$(date +%s)
    start "$1-a" "$2"; a=$pid
    sleep "$STAGGER"
    start "$1-b" "$3"; b=$pid
    set +e; wait "$a"; ca=$?; wait "$b"; cb=$?; set -e
    [ "$ca" = 0 ] && [ "$cb" = 0 ] || verdict=NO
    local fa fb
    fa=$(foreign_reaps "$1-a" "$b"); fb=$(foreign_reaps "$1-b" "$a")
    [ -z "$fa$fb" ] || verdict=NO
    printf '%-22s %-16s exit %-3s %-16s exit %-3s %4s s  reaped: %s / %s  ok: %s\n' "$1" "$2" "$ca" "$3" "$cb" \
        "$(( $(date +%s) - t0 ))" "$(grep -cE '^reaper: removed|^reaped ' "$OUT/$1-a.log" || true)" \
        "$(grep -cE '^reaper: removed|^reaped ' "$OUT/$1-b.log" || true)" "$verdict"
    [ -z "$fa$fb" ] || echo "$fa$fb" | sed 's/^/    reaped the other live run: /'
    local x
    for x in a b; do
        # A matrix's exit 1 is an environment that failed to set up or timed out: name it.
        grep -E '^ +[a-z0-9@-]+ +(SETUP_ERROR|TIMEOUT) |^fsconform: ' "$OUT/$1-$x.log" | sed "s/^/    $x: /" || true
    done
    [ "$verdict" = yes ]
}

echo "concurrency: matrix --only $MATRIX_ONLY, validate --image $IMAGE and --exec 'env -i'; load $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
pair two-matrices matrix matrix || status=1
pair matrix-and-validate matrix validate-image || status=1
pair two-validates validate-image validate-exec || status=1
pair two-image-validates validate-image validate-image || status=1
if [ "$status" = 0 ]; then
    echo "PASS: every run succeeded and none reaped the other's live resources"
else
    KEEP=yes; echo "FAIL (logs kept in $OUT)"
fi
exit $status
