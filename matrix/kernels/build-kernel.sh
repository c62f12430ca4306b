#!/usr/bin/env bash
# Fetches one Debian kernel and builds what fsconform boots it with: the kernel image and a small
# busybox initramfs holding the modules that the guest needs before it can see the host's root
# (virtio, 9p) and those the host lab mounts with (overlay, loop, ext4, xfs, btrfs, fuse).
#
#   build-kernel.sh resolve SUITE PACKAGE      print the concrete packages as NAME=VERSION SHA256 lines
#   build-kernel.sh build SUITE PACKAGE DIR    download, unpack, build DIR/{vmlinuz,initramfs.gz,release,modules}
#                                              (vmlinuz: what QEMU's -kernel boots, see boot_image)
#
# PACKAGE is usually a metapackage (linux-image-amd64): it is followed to the versioned image package,
# and, where that is itself a metapackage (sid: linux-image-X → linux-binary-X + linux-modules-X), to
# the packages that hold the kernel and its modules. Needs apt (through apt-suite.sh, next to
# matrix/debian/ or given as FSCONFORM_APT_SUITE), dpkg-deb, kmod (depmod, modprobe), busybox-static,
# gzip, xz and zstd.
set -Eeuo pipefail
trap 'echo "build-kernel: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
die() { echo "build-kernel: $*" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
apt=${FSCONFORM_APT_SUITE:-$here/../debian/apt-suite.sh}
[ -x "$apt" ] || [ -f "$apt" ] || die "no apt-suite.sh at $apt"
[ $# -ge 3 ] || die "usage: build-kernel.sh resolve|build SUITE PACKAGE [DIR]"
verb=$1 suite=$2 pkg=$3
case "$pkg" in *[!a-z0-9.+~-]*|'') die "not a package name: '$pkg'";; esac

# The modules loaded at boot, in dependency order; missing ones are fine (built in, or absent on
# that kernel: the lab then skips what needs them, with the reason).
WANTED="virtio_pci virtio_blk virtio_console 9pnet_virtio 9p overlay loop ext4 xfs btrfs fuse"

field() { # field NAME PKG: one control field of the suite's candidate
  bash "$apt" "$suite" show "$2" 2>/dev/null | awk -v f="$1:" '$1==f {sub(/^[^:]+: */,""); print; exit}'
}

# Follows PKG to the packages that hold files: echoes one name per line.
concrete() {
  local p=$1 deps next
  for _ in 1 2 3; do
    deps=$(field Depends "$p")
    next=$(echo "$deps" | tr ',' '\n' | sed 's/([^)]*)//; s/|.*//; s/ //g' | grep -E '^linux-(image|binary|modules)-[0-9]' || true)
    if [ -z "$next" ]; then echo "$p"; return; fi
    if echo "$next" | grep -qE '^linux-(binary|modules)-'; then
      echo "$next" | grep -E '^linux-(binary|modules)-'; return
    fi
    p=$(echo "$next" | head -n1)
  done
  die "$pkg: no kernel package after three metapackages"
}

resolve() {
  bash "$apt" "$suite" update >/dev/null 2>&1 || echo "build-kernel: cannot refresh $suite's package lists; using the ones cached" >&2
  [ -n "$(field Version "$pkg")" ] || die "$suite has no package $pkg"
  local p
  for p in $(concrete "$pkg"); do
    echo "$p=$(field Version "$p") $(field SHA256 "$p")"
  done
}

# Writes the kernel QEMU boots to $2: the uncompressed ELF inside the bzImage $1 when it has a PVH
# entry note (Xen note 0x12: QEMU's -kernel enters it directly, so the guest does not spend seconds
# of emulated time decompressing itself), the bzImage as it is otherwise.
boot_image() {
  local bz=$1 out=$2 off magic
  for magic in $'\xfd7zXZ' $'\x28\xb5\x2f\xfd' $'\x1f\x8b\x08'; do
    off=$(LC_ALL=C grep -abo -m1 "$magic" "$bz" | head -n1 | cut -d: -f1 || true)
    [ -n "$off" ] || continue
    # The payload is followed by the bzImage's trailer: a decompressor may complain about it.
    case "$magic" in
      $'\xfd7zXZ') tail -c +$((off + 1)) "$bz" | xz -dc --single-stream > "$out.elf" 2>/dev/null || true ;;
      $'\x1f\x8b\x08') tail -c +$((off + 1)) "$bz" | gzip -dc > "$out.elf" 2>/dev/null || true ;;
      *) tail -c +$((off + 1)) "$bz" | zstd -qdc > "$out.elf" 2>/dev/null || true ;;
    esac
    # An ELF holding the note: namesz 4, descsz 4 or 8, type 0x12, name "Xen".
    if [ "$(head -c4 "$out.elf" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] \
        && LC_ALL=C grep -qaP '\x04\x00\x00\x00[\x04\x08]\x00\x00\x00\x12\x00\x00\x00Xen\x00' "$out.elf"; then
      mv "$out.elf" "$out"; echo pvh; return
    fi
    rm -f "$out.elf"
  done
  cp "$bz" "$out"; echo bzimage
}

build() {
  local out=$1
  work=$(mktemp -d "$out.partial.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  local resolved; resolved=$(resolve)
  mkdir -p "$work/debs" "$work/root" "$work/initramfs"
  echo "build-kernel: downloading $(echo "$resolved" | awk '{print $1}' | tr '\n' ' ')" >&2
  (cd "$work/debs" && bash "$apt" "$suite" download $(echo "$resolved" | awk '{print $1}') >/dev/null) \
      || die "cannot download the $suite kernel packages"
  for d in "$work"/debs/*.deb; do dpkg-deb -x "$d" "$work/root"; done
  # boot/vmlinuz-RELEASE, or (sid's linux-binary) usr/lib/modules/RELEASE/vmlinuz.
  local vmlinuz release
  vmlinuz=$(ls "$work"/root/boot/vmlinuz-* 2>/dev/null | head -n1 || true)
  if [ -n "$vmlinuz" ]; then
    release=${vmlinuz##*/vmlinuz-}
  else
    vmlinuz=$(ls "$work"/root/usr/lib/modules/*/vmlinuz "$work"/root/lib/modules/*/vmlinuz 2>/dev/null | head -n1 || true)
    [ -n "$vmlinuz" ] || die "no kernel image (boot/vmlinuz-*, lib/modules/*/vmlinuz) in $(echo "$resolved" | awk '{print $1}' | tr '\n' ' ')"
    release=$(basename "$(dirname "$vmlinuz")")
  fi
  # Merged-usr kernels install into usr/lib/modules; depmod -b looks in lib/modules.
  if [ ! -d "$work/root/lib/modules" ] && [ -d "$work/root/usr/lib/modules" ]; then
    ln -s usr/lib "$work/root/lib"
  fi
  [ -d "$work/root/lib/modules/$release" ] || die "no modules for $release"
  depmod -b "$work/root" "$release"

  local ir=$work/initramfs m line f name
  mkdir -p "$ir/bin" "$ir/dev" "$ir/proc" "$ir/sys" "$ir/modules"
  cp "$(command -v busybox)" "$ir/bin/busybox"
  ldd "$ir/bin/busybox" >/dev/null 2>&1 && die "busybox is not static (install busybox-static)"
  : > "$ir/modules/order"
  for m in $WANTED; do
    { modprobe -d "$work/root" -S "$release" --show-depends "$m" 2>/dev/null || true; } | while read -r line; do
      case "$line" in insmod\ *) ;; *) continue;; esac
      f=$(echo "$line" | awk '{print $2}')
      name=$(basename "$f"); name=${name%.xz}; name=${name%.zst}; name=${name%.gz}
      grep -qxF "$name" "$ir/modules/order" && continue
      # busybox insmod reads plain .ko only.
      case "$f" in
        *.xz) xz -dc "$f" > "$ir/modules/$name" ;;
        *.zst) zstd -qdc "$f" > "$ir/modules/$name" ;;
        *.gz) gzip -dc "$f" > "$ir/modules/$name" ;;
        *) cp "$f" "$ir/modules/$name" ;;
      esac
      echo "$name" >> "$ir/modules/order"
    done
  done
  cp "$here/guest-init.sh" "$ir/init"
  chmod 755 "$ir/init" "$ir/bin/busybox"
  (cd "$ir" && find . | LC_ALL=C sort | busybox cpio -o -H newc 2>/dev/null | gzip -1 -n) > "$work/initramfs.gz"
  local entry; entry=$(boot_image "$vmlinuz" "$work/vmlinuz")
  echo "$release" > "$work/release"
  cp "$ir/modules/order" "$work/modules"
  echo "$resolved" > "$work/packages"
  rm -rf "$out"
  mkdir -p "$out"
  mv "$work/vmlinuz" "$work/initramfs.gz" "$work/release" "$work/modules" "$work/packages" "$out/"
  echo "release=$release"
  echo "entry=$entry"
}

case "$verb" in
  resolve) resolve ;;
  build) [ $# -eq 4 ] || die "build needs a target directory"; build "$4" ;;
  *) die "unknown verb '$verb' (resolve, build)" ;;
esac
