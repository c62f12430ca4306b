#!/bin/bash
# Entrypoint of fsconform/dind: runs an inner dockerd on one storage driver.
#
#   docker run ... fsconform/dind:<h> [overlay2|fuse-overlayfs|vfs|btrfs] [extra dockerd args]
#
# The inner engine's data lives on a tmpfs that this script mounts (unless the
# caller mounted something at /var/lib/fsconform-inner), so nothing outlives the
# container: no volumes to reap, and the btrfs loop device is detached on exit.
# Needs: the capabilities of the host's bounding set (or --privileged),
# seccomp/apparmor unconfined, /dev/fuse for fuse-overlayfs, /dev/loop-control and
# a "b 7:* rwm" device-cgroup rule for btrfs; /usr/local/bin/runsc bound in for gVisor.
set -Eeuo pipefail
# No silent exits: name the command that failed.
trap 'echo "fsconform-dind: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

DRIVER=${1:-${FSCONFORM_DIND_DRIVER:-overlay2}}
[ $# -gt 0 ] && shift
WORK=/var/lib/fsconform-inner
SIZE=${FSCONFORM_DIND_TMPFS_SIZE:-8g}
BTRFS_SIZE=${FSCONFORM_DIND_BTRFS_SIZE:-4g}
LOG=/var/log/dockerd.log

die() { echo "fsconform-dind: $*" >&2; exit 1; }
say() { echo "fsconform-dind: $*" >&2; }

case $DRIVER in overlay2|fuse-overlayfs|vfs|btrfs) ;; *) die "unknown storage driver '$DRIVER'" ;; esac

mkdir -p "$WORK"
# overlay2 cannot use an overlayfs (the container's rootfs) as its backing store.
if ! mountpoint -q "$WORK"; then
  mount -t tmpfs -o "size=$SIZE,mode=0711" fsconform-inner "$WORK" || die "cannot mount a tmpfs on $WORK (missing CAP_SYS_ADMIN?)"
fi

# cgroups: the inner runc must create cgroups below ours.
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  # v2: processes may not sit in a cgroup whose subtree_control is used; move
  # everything into a leaf first, then delegate all controllers.
  mkdir -p /sys/fs/cgroup/fsconform-init
  xargs -rn1 </sys/fs/cgroup/cgroup.procs >/sys/fs/cgroup/fsconform-init/cgroup.procs 2>/dev/null || true
  sed -e 's/ / +/g' -e 's/^/+/' </sys/fs/cgroup/cgroup.controllers >/sys/fs/cgroup/cgroup.subtree_control \
    || die "cannot delegate cgroup v2 controllers (run with --cgroupns=private)"
else
  # v1: docker bind-mounts the hierarchies read-only into unprivileged containers;
  # "remount,bind,rw" flips the per-mount flag (a plain remount hits the shared
  # superblock and fails with EBUSY).
  for m in /sys/fs/cgroup /sys/fs/cgroup/*; do
    if mountpoint -q "$m" && grep -q " $m ro," /proc/self/mountinfo; then
      mount -o remount,bind,rw "$m" || die "cannot make $m writable (missing CAP_SYS_ADMIN?)"
    fi
  done
fi

DATA=$WORK/docker
if [ "$DRIVER" = btrfs ]; then
  img=$WORK/btrfs.img
  truncate -s "$BTRFS_SIZE" "$img"
  mkfs.btrfs -q -f "$img" >/dev/null || die "mkfs.btrfs failed"
  DATA=/var/lib/docker
  mkdir -p "$DATA"
  # loop-control hands out a free device, whose node may be missing from our /dev.
  # mount -o loop=DEV sets autoclear: the device detaches when the mount goes.
  for _ in 1 2 3 4 5; do
    dev=$(losetup -f) || die "no free loop device (need --device /dev/loop-control)"
    # util-linux 2.39+ appends " (lost)" when the node is missing from our /dev: keep the path.
    dev=${dev%% *}
    [ -b "$dev" ] || mknod "$dev" b 7 "${dev#/dev/loop}" || die "cannot create $dev (need CAP_MKNOD)"
    if mount -t btrfs -o "loop=$dev" "$img" "$DATA" 2>/dev/null; then break; fi
    sleep 0.2   # another container took the device first; try the next one
  done
  mountpoint -q "$DATA" || die "cannot loop-mount the btrfs image (need a 'b 7:* rwm' device-cgroup rule)"
  rm -f "$img"   # the loop device keeps it; tmpfs space is freed when it detaches
fi
mkdir -p "$DATA"

if [ "$DRIVER" = fuse-overlayfs ]; then
  [ -c /dev/fuse ] || die "fuse-overlayfs needs --device /dev/fuse"
fi

dockerd_pid=
cleanup() {
  if [ -n "$dockerd_pid" ]; then kill -TERM "$dockerd_pid" 2>/dev/null || true; wait "$dockerd_pid" 2>/dev/null || true; fi
  # Unmount in reverse: containers' mounts, then the btrfs data root (frees the loop).
  grep -o " ${DATA}[^ ]*" /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  if mountpoint -q "$DATA"; then umount -l "$DATA" || true; fi
}
trap 'cleanup; exit 0' TERM INT

# gVisor: fsconform binds the host's runsc (a static binary) in here. Registered plainly it refuses
# every container ("cannot run with network enabled in root network namespace"), so it gets
# --network=none, which only a configuration file can give (dockerd --add-runtime takes no arguments).
if [ -x /usr/local/bin/runsc ]; then
  mkdir -p /etc/docker
  echo '{"runtimes":{"runsc":{"path":"/usr/local/bin/runsc","runtimeArgs":["--network=none"]}}}' >/etc/docker/daemon.json
fi

rm -f /var/run/docker.pid /var/run/docker.sock
dockerd --storage-driver="$DRIVER" --data-root="$DATA" -H unix:///var/run/docker.sock "$@" >"$LOG" 2>&1 &
dockerd_pid=$!
for _ in $(seq 1 600); do
  docker version >/dev/null 2>&1 && break
  kill -0 "$dockerd_pid" 2>/dev/null || die "inner dockerd exited: $(tail -n 5 "$LOG" | tr '\n' ' ')"
  sleep 0.1
done
docker version >/dev/null 2>&1 || die "inner dockerd did not answer within 60s: $(tail -n 5 "$LOG" | tr '\n' ' ')"
say "ready driver=$(docker info --format '{{.Driver}}') version=$(docker version --format '{{.Server.Version}}')"
wait "$dockerd_pid" || true
cleanup
