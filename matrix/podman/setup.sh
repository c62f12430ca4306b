#!/usr/bin/env bash
# Makes this machine ready for fsconform's podman environments (idempotent, quick when done):
# podman and what rootless podman needs, and the unprivileged user the rootless environments run as,
# with subordinate user and group ids for its user namespace, and /dev/fuse open to it as udev would. fsconform starts its own podman API
# services (one per storage driver, private storage, gone with the run): nothing is started here.
#
#   setup.sh            install and create what is missing
# Env: FSCONFORM_PODMAN_USER  the rootless user (default fsconform-rootless; fsconform reads the same
#                             name from -Dfsconform.podman.user)
set -Eeuo pipefail
trap 'echo "podman-setup: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
die() { echo "podman-setup: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root"

user=${FSCONFORM_PODMAN_USER:-fsconform-rootless}
packages=(podman crun runc conmon uidmap slirp4netns fuse-overlayfs util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "podman-setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! id "$user" >/dev/null 2>&1; then
  useradd --system --create-home --home-dir "/var/lib/$user" --shell /usr/sbin/nologin "$user"
fi
# 65536 ids after the highest range already given out (or 165536): never overlapping another user's.
next_free() {
  awk -F: 'BEGIN{m=165536} {e=$2+$3; if (e>m) m=e} END{print m}' "$1" 2>/dev/null || echo 165536
}
for f in /etc/subuid /etc/subgid; do
  touch "$f"
  if ! grep -q "^$user:" "$f"; then
    start=$(next_free "$f")
    if [ "$f" = /etc/subuid ]; then usermod --add-subuids "$start-$((start + 65535))" "$user"
    else usermod --add-subgids "$start-$((start + 65535))" "$user"; fi
  fi
done
# Rootless fuse-overlayfs opens /dev/fuse as the unprivileged user. udev gives it mode 0666 on a
# standard system (systemd's 50-udev-default.rules: KERNEL=="fuse", MODE="0666"); a machine without
# udev keeps devtmpfs's 0600, so set what udev would have.
if [ -c /dev/fuse ] && [ "$(stat -c %a /dev/fuse)" != 666 ]; then
  chmod 0666 /dev/fuse
  echo "podman-setup: /dev/fuse made 0666, as udev makes it" >&2
fi
echo "podman-setup: podman $(podman --version | awk '{print $3}'), rootless user $user ($(grep "^$user:" /etc/subuid))" >&2
