#!/usr/bin/env bash
# Installs gVisor's runsc from Debian (bookworm-backports; a static binary, no dependencies) unless
# one is on PATH, and registers it with the local Docker engine as the runtime "runsc".
# Idempotent: an installed runsc and an existing registration are left alone.
#
# Registered plainly, runsc fails every container ("cannot run with network enabled in root network
# namespace"): the runtime gets --network=none. The engine is shared, so it is never restarted:
# daemon.json is merged (other keys kept) and dockerd reloads it on SIGHUP ("runtimes" is reloadable).
#
# Env: FSCONFORM_RUNSC_SUITE     Debian suite to take runsc from (default bookworm-backports)
#      FSCONFORM_DOCKER_CONFIG   daemon.json to merge into (default /etc/docker/daemon.json)
#      FSCONFORM_RUNSC_NO_DOCKER set to 1 to install runsc without registering it
set -Eeuo pipefail
trap 'echo "install-runsc: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
here="$(cd "$(dirname "$0")" && pwd)"
say() { echo "install-runsc: $*" >&2; }
die() { echo "install-runsc: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "must run as root (installs a package, configures dockerd)"

suite=${FSCONFORM_RUNSC_SUITE:-bookworm-backports}
config=${FSCONFORM_DOCKER_CONFIG:-/etc/docker/daemon.json}

if ! command -v runsc >/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  "$here/../debian/apt-suite.sh" "$suite" update >/dev/null
  (cd "$tmp" && "$here/../debian/apt-suite.sh" "$suite" download runsc >/dev/null)
  dpkg -i "$tmp"/runsc_*.deb >/dev/null || die "dpkg -i runsc failed"
  say "installed $(runsc --version | sed -n 1p)"
fi
runsc=$(command -v runsc)

[ "${FSCONFORM_RUNSC_NO_DOCKER:-0}" = 1 ] && exit 0
docker version >/dev/null 2>&1 || { say "no Docker engine answers: runsc not registered"; exit 0; }
if docker info --format '{{json .Runtimes}}' | grep -q '"runsc"'; then
  exit 0
fi
command -v jq >/dev/null || { apt-get install -y -q --no-install-recommends jq >/dev/null || die "cannot install jq"; }
mkdir -p "$(dirname "$config")"
[ -s "$config" ] || echo '{}' > "$config"
jq --arg path "$runsc" '.runtimes.runsc = {path: $path, runtimeArgs: ["--network=none"]}' "$config" > "$config.new"
mv "$config.new" "$config"
pid=$(pgrep -xo dockerd) || die "no dockerd process to reload"
kill -HUP "$pid"
for _ in $(seq 1 20); do
  docker info --format '{{json .Runtimes}}' | grep -q '"runsc"' && { say "registered $runsc with dockerd (pid $pid)"; exit 0; }
  sleep 0.5
done
die "dockerd did not pick up the runsc runtime from $config"
