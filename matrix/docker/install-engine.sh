#!/usr/bin/env bash
# Installs Debian's Docker engine and starts one dockerd if none answers.
# Idempotent: an engine that already answers on the socket is left alone, and a
# dockerd that is still starting is waited for rather than duplicated (a second
# daemon fights the first over docker0, iptables and the data root).
#
# Env: FSCONFORM_DOCKER_SOCK   socket to check/serve   (default /var/run/docker.sock)
#      FSCONFORM_DOCKERD_LOG   daemon log file          (default /var/log/fsconform-dockerd.log)
#      FSCONFORM_DOCKERD_WAIT  seconds to wait          (default 90)
set -Eeuo pipefail
# No silent exits: name the command that failed.
trap 'echo "install-engine: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

SOCK=${FSCONFORM_DOCKER_SOCK:-/var/run/docker.sock}
LOG=${FSCONFORM_DOCKERD_LOG:-/var/log/fsconform-dockerd.log}
WAIT=${FSCONFORM_DOCKERD_WAIT:-90}

die() { echo "install-engine: $*" >&2; exit 1; }
say() { echo "install-engine: $*" >&2; }
answers() { docker -H "unix://$SOCK" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (installs packages, starts dockerd)"

# Packages: the engine, plus what the inner engines of the dind image and the
# research need on the host side (fuse-overlayfs, btrfs/xfs mkfs, debootstrap for
# the registry-free base image), procps for pgrep below. Only missing ones are installed.
pkgs=(docker.io fuse-overlayfs btrfs-progs xfsprogs debootstrap iptables procps)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  # The package lists may be stale or absent on a fresh machine.
  apt-get update -q >/dev/null || die "apt-get update failed"
  # policy-rc.d/no systemd: the package's own service start is skipped or fails harmlessly.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
command -v dockerd >/dev/null || die "dockerd not found after installing docker.io"
command -v docker >/dev/null || die "docker CLI not found after installing docker.io"

if answers; then
  say "engine already answers on $SOCK ($(docker -H "unix://$SOCK" version --format '{{.Server.Version}}'))"
  exit 0
fi

# A dockerd may be starting (e.g. launched by a parallel job): wait for it instead.
if ! pgrep -x dockerd >/dev/null; then
  # A stale socket or pidfile from a killed daemon makes dockerd refuse to start.
  if [ -S "$SOCK" ]; then rm -f "$SOCK"; fi
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  mkdir -p "$(dirname "$LOG")"
  say "starting dockerd (log: $LOG)"
  # setsid + nohup: the daemon must outlive this script and its terminal.
  setsid nohup dockerd -H "unix://$SOCK" >>"$LOG" 2>&1 </dev/null &
else
  say "a dockerd process exists but does not answer yet; waiting for it"
fi

start=$SECONDS
until answers; do
  if [ $((SECONDS - start)) -ge "$WAIT" ]; then
    die "no engine answered on $SOCK after ${WAIT}s; last log lines: $(tail -n 5 "$LOG" 2>/dev/null | tr '\n' ' ')"
  fi
  if ! pgrep -x dockerd >/dev/null; then
    die "dockerd exited; last log lines: $(tail -n 5 "$LOG" 2>/dev/null | tr '\n' ' ')"
  fi
  sleep 1
done
say "engine $(docker -H "unix://$SOCK" version --format '{{.Server.Version}} (API {{.Server.APIVersion}})') answers after $((SECONDS - start))s"
