#!/usr/bin/env bash
# Re-records the canned results the grading and cause tests read (src/test/resources/recorded/):
# one probe run per real environment on this machine. Needs root, overlay, btrfs-progs, fuse-overlayfs.
# Usage: scripts/record-environments.sh [OUTDIR]   (default: src/test/resources/recorded)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-src/test/resources/recorded}")"
jar="$PWD/target/fsconform.jar"
[ -f "$jar" ] || mvn -q -B -o package -DskipTests
work="$(mktemp -d /tmp/fsconform-record.XXXXXX)"
mounts=()
cleanup() {
  for ((i=${#mounts[@]}-1; i>=0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out" "$work/json"
fsc() { java -jar "$jar" "$@"; }
probe() { local name="$1"; shift; fsc probe "$@" --name "$name" --quiet --json "$work/json/$name.json"; }
sandboxed() { local args=("$@"); fsc sandbox "${args[@]}"; }
overlay() { # overlay DIR [OPTIONS]: seeded lower, fresh upper, merged at DIR/m
  mkdir -p "$1/low" "$1/up" "$1/work" "$1/m"; fsc seed "$1/low" >/dev/null
  mount -t overlay overlay -o "lowerdir=$1/low,upperdir=$1/up,workdir=$1/work${2:+,$2}" "$1/m"; mounts+=("$1/m")
}

mkdir -p "$work/host"; probe host "$work/host" --second /dev/shm

mkdir -p "$work/bm/base" "$work/bm/one" "$work/bm/two"
mount --bind "$work/bm/base" "$work/bm/one"; mounts+=("$work/bm/one")
mount --bind "$work/bm/base" "$work/bm/two"; mounts+=("$work/bm/two")
probe bind-mounts "$work/bm/one" --second "$work/bm/two"

truncate -s 300M "$work/btrfs.img"; mkfs.btrfs -q "$work/btrfs.img" >/dev/null 2>&1; mkdir -p "$work/btr"
mount -o loop "$work/btrfs.img" "$work/btr"; mounts+=("$work/btr"); btrfs subvolume create "$work/btr/sub" >/dev/null
probe btrfs-subvolume "$work/btr" --second "$work/btr/sub"

overlay "$work/ov-off" redirect_dir=off; probe overlay-off "$work/ov-off/m" --second /dev/shm
overlay "$work/ov-on" redirect_dir=on; probe overlay-on "$work/ov-on/m" --second /dev/shm

# Layers on two filesystems (lower here, upper on a tmpfs), xino off: a copied-up file shows two inode numbers.
mkdir -p "$work/ovx/low" "$work/ovx/t" "$work/ovx/m"; fsc seed "$work/ovx/low" >/dev/null
mount -t tmpfs tmpfs "$work/ovx/t"; mounts+=("$work/ovx/t"); mkdir -p "$work/ovx/t/up" "$work/ovx/t/work"
mount -t overlay overlay -o "lowerdir=$work/ovx/low,upperdir=$work/ovx/t/up,workdir=$work/ovx/t/work" "$work/ovx/m"
mounts+=("$work/ovx/m")
probe overlay-other-fs "$work/ovx/m" --second /dev/shm

mkdir -p "$work/fov/low" "$work/fov/up" "$work/fov/work" "$work/fov/m"; fsc seed "$work/fov/low" >/dev/null
fuse-overlayfs -o "lowerdir=$work/fov/low,upperdir=$work/fov/up,workdir=$work/fov/work" "$work/fov/m" 2>/dev/null; mounts+=("$work/fov/m")
probe fuse-overlayfs "$work/fov/m" --second /dev/shm

# A foreign sandbox: `fsconform sandbox` restricts itself and execs the probe, which carries no label.
mkdir -p "$work/ll"
for p in no-refer refer; do
  sandboxed --landlock "$p" --rw "$work" --rw /dev/shm -- java -jar "$jar" probe "$work/ll" --second /dev/shm \
    --name "landlock-$p" --quiet --json "$work/json/landlock-$p.json"
done
for p in no-refer refer; do
  overlay "$work/ovll-$p"
  sandboxed --landlock "$p" --rw "$work" --rw /dev/shm -- java -jar "$jar" probe "$work/ovll-$p/m" --second /dev/shm \
    --name "overlay-landlock-$p" --quiet --json "$work/json/overlay-landlock-$p.json"
done
for p in renameat2-enosys renameat2-eperm; do
  sandboxed --seccomp "$p" -- java -jar "$jar" probe "$work/host" --second /dev/shm \
    --name "seccomp-$p" --quiet --json "$work/json/seccomp-$p.json"
done

for f in "$work"/json/*.json; do gzip -9 -c "$f" > "$out/$(basename "$f").gz"; done
ls -la "$out"
