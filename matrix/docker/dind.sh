#!/usr/bin/env bash
# Runs inner Docker engines (fsconform/dind) on a chosen storage driver.
#
#   dind.sh flags DRIVER                 docker-run flags for DRIVER, one per line
#   dind.sh start DRIVER NAME [RUN_ID]   start container NAME, wait for its engine
#   dind.sh load NAME IMAGE...           copy local images into NAME's engine
#   dind.sh stop NAME                    stop and remove NAME (and its anonymous volumes)
#
# DRIVER: overlay2 | fuse-overlayfs | vfs | btrfs.
# Env: FSCONFORM_DIND_IMAGE       image to run (default: the one build-images.sh builds)
#      FSCONFORM_DIND_PRIVILEGED  auto (default) | 1 | 0
#      FSCONFORM_DIND_WAIT        seconds to wait for the inner engine (default 60)
set -Eeuo pipefail
# No silent exits: name the command that failed.
trap 'echo "dind: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "dind: $*" >&2; exit 1; }

# --privileged asks runc for every capability the kernel knows; where root's own
# bounding set lacks one (seen: CAP_SYS_RESOURCE in some VMs) runc fails with
# "unable to apply caps". Then we grant exactly what the host has instead.
CAP_NAMES=(CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP
  LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER
  SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE
  SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP
  MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE)

# Capabilities the kernel has but this process's bounding set lacks.
missing_caps() {
  local bnd last i
  bnd=$((16#$(awk '/^CapBnd:/{print $2}' /proc/self/status)))
  last=$(cat /proc/sys/kernel/cap_last_cap)
  for ((i = 0; i <= last && i < ${#CAP_NAMES[@]}; i++)); do
    (( (bnd >> i) & 1 )) || echo "${CAP_NAMES[$i]}"
  done
}

flags() {
  local driver=$1 priv=${FSCONFORM_DIND_PRIVILEGED:-auto} c missing
  case $driver in overlay2|fuse-overlayfs|vfs|btrfs) ;; *) die "unknown storage driver '$driver'" ;; esac
  missing=$(missing_caps)
  if [ "$priv" = auto ]; then [ -z "$missing" ] && priv=1 || priv=0; fi
  # A cgroup namespace of its own: the inner runc then sees its cgroup as "/".
  echo --cgroupns=private
  if [ "$priv" = 1 ]; then
    echo --privileged
    return
  fi
  echo --cap-add=ALL
  for c in $missing; do echo "--cap-drop=$c"; done
  # The inner dockerd mounts, sets sysctls and runs its own seccomp/apparmor.
  echo --security-opt=seccomp=unconfined
  echo --security-opt=apparmor=unconfined
  echo --security-opt=systempaths=unconfined
  case $driver in
    fuse-overlayfs) echo --device=/dev/fuse ;;
    # loop-control hands out /dev/loopN; the rule lets the container use any of them.
    btrfs) echo --device=/dev/loop-control; echo "--device-cgroup-rule=b 7:* rwm" ;;
  esac
}

dind_image() {
  if [ -n "${FSCONFORM_DIND_IMAGE:-}" ]; then echo "$FSCONFORM_DIND_IMAGE"; return; fi
  "$HERE/build-images.sh" dind | sed -n 's/^dind=//p'
}

start() {
  local driver=$1 name=$2 run=${3:-manual} img wait=${FSCONFORM_DIND_WAIT:-60} i
  local -a f
  mapfile -t f < <(flags "$driver")
  img=$(dind_image)
  [ -n "$img" ] || die "no dind image"
  docker run -d --name "$name" --label dev.fsconform.owner=fsconform --label "dev.fsconform.run=$run" \
    --label "dev.fsconform.driver=$driver" "${f[@]}" "$img" "$driver" >/dev/null || die "docker run $name failed"
  for ((i = 0; i < wait * 10; i++)); do
    docker logs "$name" 2>&1 | grep -q 'fsconform-dind: ready' && { echo "$name"; return; }
    [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] \
      || die "$name exited: $(docker logs --tail 5 "$name" 2>&1 | tr '\n' ' ')"
    sleep 0.1
  done
  die "inner engine of $name not ready after ${wait}s: $(docker logs --tail 5 "$name" 2>&1 | tr '\n' ' ')"
}

load() {
  local name=$1; shift
  [ $# -gt 0 ] || die "load: no image given"
  # No registry: stream the images through docker save/load.
  docker save "$@" | docker exec -i "$name" docker load -q >&2 || die "loading $* into $name failed"
}

stop() {
  # SIGTERM lets the entrypoint stop the inner engine and unmount (frees loop devices).
  docker stop -t 20 "$1" >/dev/null 2>&1 || true
  docker rm -f -v "$1" >/dev/null 2>&1 || true
}

cmd=${1:-}; shift || true
case $cmd in
  flags) [ $# -eq 1 ] || die "usage: dind.sh flags DRIVER"; flags "$1" ;;
  start) [ $# -ge 2 ] || die "usage: dind.sh start DRIVER NAME [RUN_ID]"; start "$@" ;;
  load) [ $# -ge 2 ] || die "usage: dind.sh load NAME IMAGE..."; load "$@" ;;
  stop) [ $# -eq 1 ] || die "usage: dind.sh stop NAME"; stop "$1" ;;
  *) die "usage: dind.sh flags|start|load|stop ..." ;;
esac
